# Turn the output of benches/meta_parity_reference.R (pairs of "// R call" and "[numbers]" lines)
# into a Rust table for tests/meta_parity.rs:  (R call, numbers).
import sys
lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
name = sys.argv[1]
print(f"/// metafor 3.8-1 (R 4.2.2), `Rscript benches/meta_parity_reference.R {sys.argv[2]}`: each R call with")
print("/// the numbers it printed (17 significant digits).")
print(f"pub const {name}: &[(&str, &[f64])] = &[")
for call, values in zip(lines[0::2], lines[1::2]):
    assert call.startswith("// ")
    call = call[3:].replace("\\", "\\\\").replace('"', '\\"')
    print(f'    ("{call}", &{values.replace("NA.0", "NA").replace("NA", "f64::NAN")}),')
print("];")
