fn main() {
    emap::start();
}
