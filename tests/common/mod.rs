//! Data generators and reference values that several test modules share.

pub mod als_synthetic;
pub mod nma_reference_values;
pub mod relapse_synthetic;

/// A PNG file's width, height and pixels as RGB (alpha dropped, palettes and grey expanded),
/// read with the `png` crate the charts are written with.
pub fn png_rgb(path: &std::path::Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("the PNG decodes");
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).expect("the PNG decodes");
    let bytes = &buf[..frame.buffer_size()];
    let pixels = match frame.color_type {
        png::ColorType::Rgb => bytes.chunks(3).map(|c| [c[0], c[1], c[2]]).collect(),
        png::ColorType::Rgba => bytes.chunks(4).map(|c| [c[0], c[1], c[2]]).collect(),
        png::ColorType::Grayscale => bytes.iter().map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => bytes.chunks(2).map(|c| [c[0], c[0], c[0]]).collect(),
        other => panic!("{}: unexpected colour type {other:?}", path.display()),
    };
    (frame.width, frame.height, pixels)
}

/// Assert that `got` agrees with the reference `want` to the relative tolerance `rel`
/// (`|got − want| ≤ rel·|want|`; a reference of exactly 0 must be met exactly), naming `what`
/// and both values to 17 digits when it does not.
#[track_caller]
pub fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    let err = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        err <= rel || got == want,
        "{what}: got {got:.17}, want {want:.17} (relative error {err:.2e} > {rel:.0e})"
    );
}
