fn main() {
    yew::Renderer::<podlife_web::App>::new().render();
}
