// The host side of the embed: listens to the app's events (checking where they
// come from), grows the iframe to the content's height, and sends commands.
const frame = document.getElementById('emap');
const appOrigin = new URL(frame.src, location.href).origin;
const log = document.getElementById('log');

window.addEventListener('message', (event) => {
  if (event.origin !== appOrigin || typeof event.data !== 'object' || !event.data) return;
  const msg = event.data;
  if (msg.type === 'emap:height') {
    // On a phone the iframe never grows past the screen: the app's list and map then
    // scroll and pan inside it, and the page around scrolls on its own (an iframe
    // taller than the screen left the map tab off-screen and two scrolls fighting).
    const phone = matchMedia('(max-width: 899.98px)').matches;
    const cap = phone ? Math.round(window.innerHeight * 0.85) : 1600;
    frame.style.height = Math.max(Math.min(480, cap), Math.min(msg.height, cap)) + 'px';
    return;
  }
  const li = document.createElement('li');
  li.textContent = JSON.stringify(msg);
  log.append(li);
});

for (const button of document.querySelectorAll('[data-item]')) {
  button.addEventListener('click', () =>
    frame.contentWindow.postMessage({ type: 'emap:select-item', id: button.dataset.item }, appOrigin));
}
document.querySelector('[data-clear]').addEventListener('click', () =>
  frame.contentWindow.postMessage({ type: 'emap:clear' }, appOrigin));
