// The host side of the embed: listens to the app's events (checking where they
// come from), grows the iframe to the content's height, and sends commands.
const frame = document.getElementById('emap');
const appOrigin = new URL(frame.src, location.href).origin;
const log = document.getElementById('log');

window.addEventListener('message', (event) => {
  if (event.origin !== appOrigin || typeof event.data !== 'object' || !event.data) return;
  const msg = event.data;
  if (msg.type === 'emap:height') {
    frame.style.height = Math.max(480, Math.min(msg.height, 1600)) + 'px';
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
