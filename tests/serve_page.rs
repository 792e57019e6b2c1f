//! `trialstats serve` (issue 41): the local page and its JSON API, over real HTTP against the
//! built binary. The page gives what the commands give for the same text; the safety rules
//! (Host check, body limit, malformed bodies, no CORS) each have a test; the server keeps
//! answering after bad input and under 100 concurrent analyses.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `trialstats serve --port 0`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start() -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("trialstats"))
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The first line: listening on http://127.0.0.1:PORT/
        let port = first
            .trim()
            .strip_prefix("listening on http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("first line: {first:?}"))
            .parse()
            .unwrap();
        Server { child, port }
    }

    /// `127.0.0.1:PORT`, the host the server answers as.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The page's address for `path` (`/`, `/?example=…`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.host())
    }

    /// One request with `Host: 127.0.0.1:PORT` (or `host`); the status and body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (u16, String) {
        self.request_as(&self.host(), method, path, content_type, body)
    }

    pub fn request_as(
        &self,
        host: &str,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (u16, String) {
        let (status, _, body) = self.exchange(host, method, path, content_type, body);
        (status, body)
    }

    /// The status, the headers (lower case) and the body.
    pub fn exchange(
        &self,
        host: &str,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(t) = content_type {
            head.push_str(&format!("Content-Type: {t}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // A server may answer (413) before reading a large body; a write error then is fine.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response).into_owned();
        let (headers, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = headers
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = if headers
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            unchunk(rest)
        } else {
            rest.to_string()
        };
        (status, headers.to_ascii_lowercase(), body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A chunked body's data.
fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if n == 0 || after.len() < n {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n..];
        rest = rest.strip_prefix("\r\n").unwrap_or(rest);
    }
    out
}

/// A multipart body with one file field.
fn multipart_file(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "trialstatsBoundary7MA4YWxk";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A multipart body of text fields, as the page's forms send them.
fn multipart_fields(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "trialstatsFormBoundary4QfP2x";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

const ABSTRACT: &str = "tests/data/abstracts/calgb30306.txt";

/// The edaravone phase 3 abstract (Abe et al. 2014), the page's first example.
const EDARAVONE_ABSTRACT: &str = "tests/data/seeds/abe2014_edaravone_abstract.txt";

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body:.300}"))
}

#[test]
fn the_page_has_its_elements_and_the_first_line_its_address() {
    let server = Server::start();
    let (status, page) = server.request("GET", "/", None, b"");
    assert_eq!(status, 200);
    for id in ["document", "analyse", "file", "examples"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    // An example is one click away, analysed: numbers marked, verdicts, checks and charts.
    let (status, page) = server.request("GET", "/?example=nmo-press-release", None, b"");
    assert_eq!(status, 200);
    for id in [
        "text-marked",
        "study-toml",
        "verdicts",
        "checks",
        "effects",
        "charts",
        "download-toml",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.contains("<mark") && page.contains("data-kind=") && page.contains("<svg"));
    assert!(page.contains("data-verdict="));
}

/// The API's draft and check are what `draft --format json` and `check text --format json`
/// print for the same file.
#[test]
fn the_api_gives_what_the_commands_give() {
    let server = Server::start();
    let bytes = std::fs::read(ABSTRACT).unwrap();
    let (content_type, body) = multipart_file(ABSTRACT, &bytes);
    let (status, answer) = server.request("POST", "/api/analyse", Some(&content_type), &body);
    assert_eq!(status, 200, "{answer:.300}");
    let api = json(&answer);
    let command = |args: &[&str]| -> serde_json::Value {
        let out = assert_cmd::Command::cargo_bin("trialstats")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let draft = command(&["draft", ABSTRACT, "--format", "json"]);
    assert_eq!(api["draft"], draft);
    let check = command(&["check", "text", ABSTRACT, "--format", "json"]);
    assert_eq!(api["check"], check);
    assert!(
        api["study_toml"]
            .as_str()
            .unwrap()
            .contains("id = \"pasted-document\"")
    );
    // A JSON body with the text gives the same draft items.
    let text = String::from_utf8(bytes).unwrap();
    let (status, answer) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        serde_json::json!({ "text": text }).to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    assert_eq!(json(&answer)["draft"]["items"], draft["items"]);
    // An edited study file is analysed as the report analyses it.
    let toml = std::fs::read_to_string("data/nmo-tocilizumab.toml").unwrap();
    let (status, answer) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        serde_json::json!({ "study_toml": toml })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(status, 200);
    let a = json(&answer);
    assert!(a["effects"].as_str().unwrap().contains("[edss]"));
    assert!(a["charts"].as_array().unwrap().len() >= 5);
    assert!(a["charts"][0]["svg"].as_str().unwrap().starts_with("<svg"));
}

/// `POST /api/analyse` with a study file and `edits`: the corrections applied to the file's
/// text (all else kept), the study analysed as corrected; an edit naming what the file lacks,
/// or edits without a study file, get 400 with the reason.
#[test]
fn the_api_applies_a_readers_corrections() {
    let server = Server::start();
    let toml = std::fs::read_to_string("data/als-edaravone-phase3.toml").unwrap();
    let post = |body: serde_json::Value| {
        let (status, answer) = server.request(
            "POST",
            "/api/analyse",
            Some("application/json"),
            body.to_string().as_bytes(),
        );
        (status, json(&answer))
    };
    let edits = serde_json::json!([
        {"edit": "dispersion", "measure": "alsfrs_r_change", "spread": "SEM"},
        {"edit": "move_time_point", "measure": "alsfrs_r_change", "timepoint": "week_24",
         "from_arm": "placebo", "to_arm": "edaravone"},
        {"edit": "move_time_point", "measure": "alsfrs_r_change", "timepoint": "week_24",
         "from_arm": "edaravone", "to_arm": "placebo"}
    ]);
    let (status, a) = post(serde_json::json!({ "study_toml": toml, "edits": edits }));
    assert_eq!(status, 200, "{a}");
    let edited = a["study_toml"].as_str().unwrap();
    assert!(edited.contains("dispersion = \"SEM\""), "{edited}");
    // Every quote of the file is still there.
    for line in toml.lines().filter(|l| l.starts_with("quote = ")) {
        assert!(edited.contains(line), "lost: {line}");
    }
    let series = &a["structure"]["measures"][0]["series"];
    assert_eq!(series[0]["arm"], "placebo");
    assert_eq!(series[0]["timepoints"][0]["value"], "-5.70 ± 0.85");
    // The arms traded numbers, so the difference (edaravone − placebo) changed sign.
    let effects = a["effects"].as_str().unwrap();
    assert!(effects.contains("MD   -0.65"), "{effects}");
    // Two "time points" that are arms: each named after its arm, then made arms. The file's
    // expectation that computed from the old time points is then said to fail, with its line,
    // and the corrected structure is shown to correct further.
    let nmo = std::fs::read_to_string("data/nmo-tocilizumab.toml").unwrap();
    let (status, a) = post(serde_json::json!({ "study_toml": nmo, "edits": [
        {"edit": "time_point_when", "measure": "edss", "timepoint": "before", "when": "Placebo"},
        {"edit": "time_point_when", "measure": "edss", "timepoint": "after", "when": "Tocilizumab"},
        {"edit": "time_points_are_arms", "measure": "edss"}
    ] }));
    assert_eq!(status, 200, "{a}");
    let arms: Vec<&str> = a["structure"]["arms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(arms, ["placebo", "tocilizumab"]);
    let edss = a["structure"]["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "edss")
        .unwrap();
    assert_eq!(edss["kind"], "by_arm");
    let problem = a["problems"][0].as_str().unwrap();
    assert!(problem.contains("expectations[edss_change]"), "{problem}");
    // What the file lacks, and edits without a study file.
    let (status, a) = post(serde_json::json!({ "study_toml": toml,
        "edits": [{"edit": "arm_n", "arm": "drug", "n": 5}] }));
    assert_eq!(status, 400);
    assert_eq!(
        a["error"],
        "edits[0]: no arm 'drug': the study file has placebo, edaravone"
    );
    let (status, a) = post(serde_json::json!({ "text": "x", "edits": [] }));
    assert_eq!(status, 400);
    assert!(a["error"].as_str().unwrap().contains("only with"), "{a}");
    let (status, a) = post(serde_json::json!({ "study_toml": toml,
        "edits": [{"edit": "arm_n", "arm": "placebo", "n": "many"}] }));
    assert_eq!(status, 400);
    assert!(
        a["error"]
            .as_str()
            .unwrap()
            .contains("not the JSON expected"),
        "{a}"
    );
}

/// Each safety rule, and the server still answering after every refusal.
/// A two-arm abstract that prints its difference with a 95% CI (tests/data/corpus/dev: Jebb et
/// al., Lancet 2011, weight change at 12 months −5·06 kg (SE 0·31) in the commercial
/// programme against −2·25 kg (0·21) in standard care, "adjusted difference −2·77 kg, 95% CI
/// −3·50 to −2·03"): the API and the page set the printed comparison beside the one recomputed
/// from the arms. The draft does not attach the arms' n (377 and 395, two sentences before),
/// so it is not recomputed, and says why, until a reader sets them.
#[test]
fn a_printed_comparison_is_set_beside_the_one_the_arms_give() {
    let server = Server::start();
    let post = |body: serde_json::Value| {
        let (status, answer) = server.request(
            "POST",
            "/api/analyse",
            Some("application/json"),
            body.to_string().as_bytes(),
        );
        assert_eq!(status, 200, "{answer:.300}");
        json(&answer)
    };
    let text = std::fs::read_to_string(
        "tests/data/corpus/dev/b13_15_weight-watchers-vs-standard-care-se-adjusted-difference-abstract.txt",
    )
    .unwrap();
    let drafted = post(serde_json::json!({ "text": text }));
    let c = &drafted["printed_comparisons"][0];
    assert_eq!(c["printed"], "difference -2.77, 95% CI -3.50 to -2.03");
    assert_eq!(c["location"], "line 5");
    assert!(
        c["quote"]
            .as_str()
            .unwrap()
            .contains("(adjusted difference -2·77 kg, 95% CI -3·50 to -2·03)")
    );
    assert_eq!(c["agreement"], "not recomputed");
    assert_eq!(
        c["why"],
        "not recomputed: commercial_programme's n is not reported (at 12 months)"
    );
    let a = post(serde_json::json!({
        "study_toml": drafted["study_toml"],
        "edits": [
            {"edit": "arm_n", "arm": "commercial_programme", "n": 377},
            {"edit": "arm_n", "arm": "standard_care", "n": 395}
        ]
    }));
    let c = &a["printed_comparisons"][0];
    assert_eq!(
        (c["arm"].as_str(), c["control"].as_str()),
        (Some("commercial_programme"), Some("standard_care"))
    );
    assert_eq!(c["agreement"], "compatible", "{c}");
    // ± labelled SE: each SD = SE·√n. R 4.x on data with exactly these means, SDs and n:
    //   mk <- function(n, m, s) { z <- rnorm(n); m + s * (z - mean(z)) / sd(z) }
    //   t.test(mk(377, -5.06, 0.31 * sqrt(377)), mk(395, -2.25, 0.21 * sqrt(395)))
    // t = -7.5046823234587494, df = 666.3562544616077, p-value = 1.9785044153814947e-13,
    // 95 percent CI -3.5452103961366435 to -2.0747896038633553, difference -2.81.
    let against = &c["against_arms"];
    assert_eq!(against["reading"], "SEM");
    let rc = &against["recomputed"];
    assert_eq!(rc["test"], "Welch t");
    for (field, r) in [
        ("estimate", -2.81),
        ("ci_lower", -3.5452103961366435),
        ("ci_upper", -2.0747896038633553),
        ("df", 666.3562544616077),
        ("statistic", -7.5046823234587494),
        ("p", 1.9785044153814947e-13),
    ] {
        let x = rc[field].as_f64().unwrap();
        assert!(
            (x - r).abs() <= 1e-9 * r.abs(),
            "{field}: {x} against R's {r}"
        );
    }
    // The printed difference lies inside the recomputed CI; neither it nor the CI is what
    // the raw arms give to the printed decimals (the abstract's difference is adjusted).
    assert_eq!(against["estimate_within"], true);
    assert_eq!(
        against["items"],
        serde_json::json!([
            {"item": "difference", "printed": "-2.77", "recomputed": "-2.81", "agrees": false},
            {"item": "95% CI", "printed": "-3.50 to -2.03", "recomputed": "-3.55 to -2.07", "agrees": false}
        ])
    );
    assert!(
        c["why"].as_str().unwrap().starts_with(
            "the printed difference -2.77 lies within the 95% CI -3.55 to -2.07 recomputed from the arms (Welch t, ± read as an SEM)"
        ),
        "{c}"
    );
    // The page for the corrected study file: the row in `#effects`, with its attributes.
    let (content_type, body) =
        multipart_fields(&[("study_toml", a["study_toml"].as_str().unwrap())]);
    let (status, page) = server.request("POST", "/", Some(&content_type), &body);
    assert_eq!(status, 200);
    let effects = &page[page.find(r#"<section id="effects">"#).unwrap()..];
    let row = &effects[effects
        .find(r#"<tr data-kind="printed-comparison""#)
        .unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.starts_with(r#"<tr data-kind="printed-comparison" data-measure="weight_1" data-verdict="compatible">"#), "{row}");
    assert!(
        row.contains(
            r#"data-kind="printed" data-value="difference -2.77, 95% CI -3.50 to -2.03">"#
        ),
        "{row}"
    );
    assert!(
        row.contains("line 5: <q>Mean weight change at 12 months was -5·06 kg (SE 0·31)"),
        "{row}"
    );
    assert!(
        row.contains(r#"data-kind="recomputed" data-value="-2.81 -3.5452104 -2.0747896 "#),
        "{row}"
    );
    assert!(row.contains("difference -2.81, 95% CI -3.55 to -2.07, p &lt; 0.001 (Welch t on 666 df); ± read as SEM"), "{row}");
}

#[test]
fn the_safety_rules_hold_and_the_server_keeps_answering() {
    let server = Server::start();
    // DNS rebinding: another Host is refused.
    let (status, _) = server.request_as("evil.example", "GET", "/", None, b"");
    assert_eq!(status, 403);
    let (status, _) = server.request_as(
        &format!("evil.example:{}", server.port),
        "GET",
        "/",
        None,
        b"",
    );
    assert_eq!(status, 403);
    let (status, _) =
        server.request_as(&format!("localhost:{}", server.port), "GET", "/", None, b"");
    assert_eq!(status, 200);
    // No CORS headers.
    let (_, headers, _) = server.exchange(&server.host(), "GET", "/", None, b"");
    assert!(
        !headers.contains("access-control-allow-origin"),
        "{headers}"
    );
    // Over 10 MB: 413, saying the limit and what to do, as JSON on the API and as the page
    // on the page's form.
    let big = vec![b'a'; 11 * 1024 * 1024];
    let (status, body) = server.request("POST", "/api/analyse", Some("application/json"), &big);
    assert_eq!(status, 413);
    let error = json(&body)["error"].as_str().unwrap().to_string();
    assert!(
        error.starts_with("too large: the page takes at most 10 MB")
            && error.contains("(this one is 11.0 MB)")
            && error.contains("Paste only the part of the report with the results"),
        "{error}"
    );
    let (content_type, body) = multipart_file("big.txt", &big);
    let (status, page) = server.request("POST", "/", Some(&content_type), &body);
    assert_eq!(status, 413);
    assert!(
        page.contains(r#"id="error""#) && page.contains("at most 10 MB"),
        "{page:.500}"
    );
    // Malformed JSON: 400 with the reason; another content type: 415; nothing to analyse: 400.
    let (status, body) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        b"{\"text\": ",
    );
    assert_eq!(status, 400);
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .contains("not the JSON expected")
    );
    let (status, _) = server.request("POST", "/api/analyse", Some("text/plain"), b"x");
    assert_eq!(status, 415);
    let (status, _) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        b"{\"text\": \"  \"}",
    );
    assert_eq!(status, 400);
    // A PDF that cannot be read: 400 with a message naming it.
    let (content_type, body) = multipart_file("broken.pdf", b"%PDF-1.4 not really a pdf");
    let (status, body) = server.request("POST", "/api/analyse", Some(&content_type), &body);
    assert_eq!(status, 400, "{body}");
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .contains("broken.pdf")
    );
    // A study file that does not load is analysed as far as it goes, with the reason.
    let (status, body) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        b"{\"study_toml\": \"this is not toml [\"}",
    );
    assert_eq!(status, 200);
    assert!(
        json(&body)["problems"][0]
            .as_str()
            .unwrap()
            .contains("does not load")
    );
    // Only POST analyses (a GET is told so, in one line); an unknown path is 404; and the
    // server still answers.
    let (status, headers, body) = server.exchange(&server.host(), "GET", "/api/analyse", None, b"");
    assert_eq!(status, 405);
    assert!(headers.contains("allow: post"), "{headers}");
    let error = json(&body)["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("POST to /api/analyse") && !error.contains('\n'),
        "{error}"
    );
    let (status, _) = server.request("GET", "/nothing", None, b"");
    assert_eq!(status, 404);
    let (status, _) = server.request("GET", "/", None, b"");
    assert_eq!(status, 200);
}

/// 100 concurrent analyses of a real abstract all answer, each with the same draft.
#[test]
fn a_hundred_concurrent_analyses_all_answer() {
    let server = Server::start();
    let text = std::fs::read_to_string(ABSTRACT).unwrap();
    let body = serde_json::json!({ "text": text }).to_string();
    let answers: Vec<(u16, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..100)
            .map(|_| {
                scope.spawn(|| {
                    server.request(
                        "POST",
                        "/api/analyse",
                        Some("application/json"),
                        body.as_bytes(),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let first = json(&answers[0].1)["draft"].clone();
    assert!(first["items"].as_array().is_some_and(|i| !i.is_empty()));
    for (status, body) in &answers {
        assert_eq!(*status, 200);
        assert_eq!(json(body)["draft"], first);
    }
}

/// The correction form (user trial 4, findings 3 and 9): a value its field cannot hold, or a
/// move the structure refuses, leaves the page as it was (the document marked and checked,
/// the study's results, the tables holding what was typed) with the reason next to the
/// field; corrections applied keep the document marked and checked.
#[test]
fn a_refused_correction_keeps_the_page_and_an_applied_one_the_document() {
    let server = Server::start();
    let toml = std::fs::read_to_string("data/als-edaravone-phase3.toml").unwrap();
    let text = std::fs::read_to_string(EDARAVONE_ABSTRACT).unwrap();
    let post = |corrections: &[(&str, &str)]| {
        let mut fields = vec![
            ("study_toml", toml.as_str()),
            ("document_text", text.as_str()),
            ("document_name", "abstract.txt"),
        ];
        fields.extend_from_slice(corrections);
        let (content_type, body) = multipart_fields(&fields);
        server.request("POST", "/", Some(&content_type), &body)
    };
    // An n typed as words, beside a label changed: nothing applied, nothing lost.
    let (status, page) = post(&[
        ("arm:placebo:label", "Placebo group"),
        ("arm:placebo:n", "a hundred"),
    ]);
    assert_eq!(status, 400);
    assert!(
        page.contains(r#"value="Placebo group""#),
        "the label typed is lost"
    );
    assert!(
        page.contains(r#"name="arm:placebo:n" value="a hundred" aria-invalid="true""#),
        "the n typed is not shown as refused"
    );
    assert!(page.contains(
        r#"<span class="field-error" data-field="arm:placebo:n">arm 'Placebo': n must be a whole number of patients (1 or more), got 'a hundred'</span>"#
    ));
    let structure = page.find(r#"id="structure""#).unwrap();
    let error = page.find(r#"id="error""#).unwrap();
    assert!(structure < error && error < page.find(r#"id="structure-form""#).unwrap());
    // The document in its box, marked and checked; the study's results as they were.
    assert!(page.contains("Changes in ALSFRS-R during the 24-week treatment were"));
    for id in [
        "text-marked",
        "text-checks",
        "verdicts",
        "checks",
        "effects",
        "charts",
    ] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id} missing");
    }
    assert!(page.contains(r#"<tr data-arm="placebo" data-value="104">"#));
    // A number moved into an arm that keeps its own at that time point: refused at the
    // number's arm.
    let field = "point:alsfrs_r_change:placebo:week_24:arm";
    let (status, page) = post(&[(field, "edaravone")]);
    assert_eq!(status, 400);
    assert!(page.contains(&format!(
        r#"<span class="field-error" data-field="{field}">"#
    )));
    assert!(
        page.contains("already has a time point 'week_24'"),
        "{page:.0}"
    );
    assert!(page.contains(r#"id="text-marked""#) && page.contains(r#"id="effects""#));
    // Applied: the document is still marked and checked, without analysing it again.
    let (status, page) = post(&[("arm:placebo:label", "Placebo group")]);
    assert_eq!(status, 200);
    assert!(page.contains(r#"value="Placebo group""#));
    assert!(!page.contains(r#"id="error""#));
    for id in ["text-marked", "text-checks", "effects"] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id} missing");
    }
    assert!(page.contains(r#"<mark data-kind="mean_spread""#));
    // The API says a refused form's correction as 400, with the field.
    let (content_type, body) = multipart_fields(&[
        ("study_toml", toml.as_str()),
        ("arm:placebo:n", "a hundred"),
    ]);
    let (status, answer) = server.request("POST", "/api/analyse", Some(&content_type), &body);
    assert_eq!(status, 400);
    assert!(
        json(&answer)["error"]
            .as_str()
            .unwrap()
            .starts_with("the corrections: arm:placebo:n: arm 'Placebo': n must be"),
        "{answer}"
    );
}

/// Two arms compared at one time point, as a Japanese research report prints them (the
/// numbers of KAKEN 17K13206, user trial 4's document 08, each SD 3.11 and 3.88 printed as
/// its SEM, 3.11/√54 = 0.42 and 3.88/√55 = 0.52: a reader's correction of ± to the SEM is then
/// one the document's own CI agrees with; one it contradicts draws no chart).
const TWO_ARMS_JA: &str = "粗解析の結果、109名(介入群54名、対照群55名)が主要評価項目の解析対象者となった。主要評価項目の平均値は、介入群は14.1 ± 0.42、対照群は11.1 ± 0.52で、その差は3.03(95% CI: 1.78-4.43)であった。";

/// After the reader says ± is an SEM and names the time point (user trial 4, findings 7 and
/// 11): every chart's text says SEM, none "SD"; the effects and the charts name the time
/// point as the reader did, and so does `report` on the corrected study file.
#[test]
fn a_corrected_spread_and_time_point_name_reach_the_charts_and_the_report() {
    let server = Server::start();
    let post = |body: serde_json::Value| {
        let (status, answer) = server.request(
            "POST",
            "/api/analyse",
            Some("application/json"),
            body.to_string().as_bytes(),
        );
        assert_eq!(status, 200, "{answer:.300}");
        json(&answer)
    };
    let drafted = post(serde_json::json!({ "text": TWO_ARMS_JA }));
    let measure = &drafted["structure"]["measures"][0];
    assert_eq!(measure["kind"], "by_arm", "{measure}");
    let id = measure["id"].as_str().unwrap();
    let mut edits = vec![serde_json::json!({"edit": "dispersion", "measure": id, "spread": "SEM"})];
    for series in measure["series"].as_array().unwrap() {
        edits.push(serde_json::json!({"edit": "time_point_when", "measure": id,
            "arm": series["arm"], "timepoint": series["timepoints"][0]["id"], "when": "教材使用直後"}));
    }
    let a = post(serde_json::json!({ "study_toml": drafted["study_toml"], "edits": edits }));
    let charts = a["charts"].as_array().unwrap();
    assert!(!charts.is_empty());
    let forest = charts
        .iter()
        .find(|c| c["title"].as_str().unwrap().ends_with("arms forest"))
        .unwrap();
    let svg = forest["svg"].as_str().unwrap();
    assert!(svg.contains("(± read as SEM)"), "{svg:.2000}");
    assert!(
        svg.contains("教材使用直後"),
        "the time point's name is not on the chart"
    );
    for c in charts {
        let texts = format!("{} {} {}", c["title"], c["caption"], c["svg"]);
        assert!(!texts.contains("read as SD"), "{texts:.3000}");
        assert!(!texts.contains("read as the SD"), "{texts:.3000}");
        assert!(!texts.contains(", t1"), "{texts:.3000}");
    }
    let effects = a["effects"].as_str().unwrap();
    assert!(effects.contains("values at 教材使用直後"), "{effects}");
    assert!(!effects.contains("t1"), "{effects}");
    // The command's report on the corrected study file names it too.
    let data = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-page-corrected");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("pasted-document.toml"),
        a["study_toml"].as_str().unwrap(),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("trialstats")
        .unwrap()
        .args(["report", "--no-plots", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("values at 教材使用直後"), "{report}");
    assert!(!report.contains("t1"), "{report}");
}

/// The page's fonts come from the binary, kept by the browser; a font it lacks is 404.
#[test]
fn the_page_serves_its_fonts() {
    let server = Server::start();
    let host = server.host();
    for (file, path) in [
        ("DejaVuSans.ttf", "assets/fonts/DejaVuSans.ttf"),
        (
            "VL-PGothic-ja-subset.ttf",
            "assets/fonts/VL-PGothic-ja-subset.ttf",
        ),
    ] {
        let (status, headers, _) =
            server.exchange(&host, "GET", &format!("/fonts/{file}?v=1"), None, b"");
        assert_eq!(status, 200, "{file}");
        assert!(headers.contains("content-type: font/ttf"), "{headers}");
        assert!(
            headers.contains("cache-control: public, max-age=31536000, immutable"),
            "{headers}"
        );
        let size = std::fs::metadata(path).unwrap().len();
        assert!(
            headers.contains(&format!("content-length: {size}")),
            "{headers}"
        );
    }
    let (status, body) = server.request("GET", "/fonts/Arial.ttf", None, b"");
    assert_eq!(status, 404);
    assert!(body.contains("VL-PGothic-ja-subset.ttf"), "{body}");
}

// ----- in a real browser -----

/// Headless Chromium, or `None` (the test then says it is skipped) when there is none and the
/// environment does not require it (`.ci/run` installs Chromium and sets
/// `TRIALSTATS_BROWSER_TESTS=required`).
fn browser(width: u32, height: u32) -> Option<headless_chrome::Browser> {
    browser_with(width, height, None)
}

/// [`browser`], its process given the environment variables `envs` besides its own.
fn browser_with(
    width: u32,
    height: u32,
    envs: Option<std::collections::HashMap<String, String>>,
) -> Option<headless_chrome::Browser> {
    let path = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(std::path::PathBuf::from)
    .find(|p| p.exists());
    let required = std::env::var("TRIALSTATS_BROWSER_TESTS").is_ok_and(|v| v == "required");
    let Some(path) = path else {
        assert!(
            !required,
            "TRIALSTATS_BROWSER_TESTS=required but no Chromium was found"
        );
        eprintln!("skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)");
        return None;
    };
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = headless_chrome::LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((width, height)))
        .args(args)
        .process_envs(envs)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    Some(headless_chrome::Browser::new(options).unwrap())
}

/// Load `url` in `tab` and wait until it has loaded.
fn open(tab: &headless_chrome::Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
}

/// Make the tab's viewport `width` × `height` CSS pixels (a phone's when `mobile`).
fn viewport(tab: &headless_chrome::Tab, width: u32, height: u32, mobile: bool) {
    use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
    tab.call_method(SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
}

/// A string from the page's JavaScript.
fn js(tab: &headless_chrome::Tab, expression: &str) -> String {
    let value = tab.evaluate(expression, false).unwrap().value;
    match value {
        Some(serde_json::Value::String(s)) => s,
        other => panic!("{expression}: {other:?}"),
    }
}

/// The text of the element `selector` once it holds `needle` (a form's answer has loaded), or
/// whatever it holds after 60 s. A click's navigation may not have begun when the click
/// returns, so the old page's element would be read.
fn wait_for_text(tab: &headless_chrome::Tab, selector: &str, needle: &str) -> String {
    // Only a page parsed to its end counts: while a submitted form's answer is still being
    // parsed, an element can hold its first lines and not yet its last (CI on a busy machine
    // read a chart's title before its row labels).
    let expression = format!(
        "document.readyState !== 'loading' ? (document.querySelector({}) || {{ textContent: '' }}).textContent : ''",
        serde_json::to_string(selector).unwrap()
    );
    let mut text = String::new();
    for _ in 0..600 {
        if let Ok(Some(serde_json::Value::String(s))) =
            tab.evaluate(&expression, false).map(|r| r.value)
        {
            text = s;
            if text.contains(needle) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    text
}

/// What the tab shows, as PNG.
fn screenshot(tab: &headless_chrome::Tab) -> Vec<u8> {
    tab.capture_screenshot(
        headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png,
        None,
        None,
        true,
    )
    .unwrap()
}

/// What the tab shows with the element `selector` scrolled to the top, as PNG.
fn screenshot_at(tab: &headless_chrome::Tab, selector: &str) -> Vec<u8> {
    js(
        tab,
        &format!("document.querySelector('{selector}').scrollIntoView(); 'ok'"),
    );
    screenshot(tab)
}

/// The width and height of a PNG.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    (reader.info().width, reader.info().height)
}

/// Paste a real abstract, press Analyse, read the marked numbers, the verdict and a chart
/// from the DOM; correct one number in the study file, analyse it again and see the effect
/// recomputed; screenshots at 1280 × 800 and on a phone (390 × 844), saved under target/ to
/// be looked at.
#[test]
fn a_report_pasted_into_the_page_in_a_real_browser() {
    let Some(desktop) = browser(1280, 800) else {
        return;
    };
    let server = Server::start();
    let tab = desktop.new_tab().unwrap();
    viewport(&tab, 1280, 800, false);
    open(&tab, &server.url("/"));
    let text = std::fs::read_to_string("tests/data/seeds/abe2014_edaravone_abstract.txt").unwrap();
    tab.evaluate(
        &format!(
            "document.querySelector('#document').value = {}; 'ok'",
            serde_json::to_string(&text).unwrap()
        ),
        false,
    )
    .unwrap();
    tab.find_element("#analyse").unwrap().click().unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("#text-marked").unwrap();
    let marks = js(
        &tab,
        "Array.from(document.querySelectorAll('#text-marked mark')).map(m => m.dataset.kind + '=' + m.textContent).join('|')",
    );
    assert!(marks.contains("mean_spread=−6.35 ± 0.84"), "{marks}");
    assert!(marks.contains("p=p = 0.411"), "{marks}");
    let verdicts = js(
        &tab,
        "document.querySelector('#verdicts-table').textContent",
    );
    assert!(verdicts.contains("SE of an adjusted"), "{verdicts}");
    let charts = js(
        &tab,
        "String(document.querySelectorAll('#charts svg').length)",
    );
    assert!(charts.parse::<usize>().unwrap() >= 1, "{charts}");
    let effects = js(&tab, "document.querySelector('#effects').textContent");
    assert!(effects.contains("MD   0.65"), "{effects}");
    // The abstract's own difference beside the one its arms give (± read as the SE of an
    // adjusted mean: 0.65, 95% CI -1.706697 to 3.006697, p = 0.587; reading::comparison
    // checks that arithmetic against R's t.test).
    let row = js(
        &tab,
        "const r = document.querySelector('#comparisons-table tr[data-kind=\"printed-comparison\"]'); [r.dataset.verdict, r.querySelector('[data-kind=printed]').dataset.value, r.querySelector('[data-kind=recomputed]').dataset.value].join('|')",
    );
    assert!(
        row.starts_with(
            "compatible|difference 0.65 ± 0.78, p = 0.411|0.65 -1.706697 3.006697 0.58711"
        ),
        "{row}"
    );
    let shot = screenshot(&tab);
    assert_eq!(png_size(&shot), (1280, 800));
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(out.join("page-1280x800.png"), &shot).unwrap();
    // Correct the edaravone arm's change (−5.70 → −4.70) in the study file itself and analyse
    // it again.
    tab.evaluate(
        "document.querySelector('#study-file').open = true; const t = document.querySelector('#study-toml'); t.value = t.value.replace('mean = \"-5.70\"', 'mean = \"-4.70\"'); 'ok'",
        false,
    )
    .unwrap();
    tab.find_element("#reanalyse").unwrap().click().unwrap();
    let effects = wait_for_text(&tab, "#effects", "MD   1.65");
    assert!(effects.contains("MD   1.65"), "{effects}");
    // The arms' n as the text gives them (`placebo (n = 104) and edaravone (n = 102)`).
    // Correct the structure in its tables, as a reader would: say that ± is the SEM, and let
    // the two numbers trade arms. The effect is recomputed from the corrected study file.
    let arms = js(
        &tab,
        "Array.from(document.querySelectorAll('#arms-table tr[data-arm]')).map(r => r.dataset.arm + '=' + r.dataset.value).join('|')",
    );
    assert_eq!(arms, "placebo=104|edaravone=102");
    tab.evaluate(
        "const f = document.querySelector('#structure-form');
         f.querySelector('[name=\"measure:alsfrs_r_1:dispersion\"]').value = 'SEM';
         f.querySelector('[name=\"point:alsfrs_r_1:placebo:t1:arm\"]').value = 'edaravone';
         f.querySelector('[name=\"point:alsfrs_r_1:edaravone:t1:arm\"]').value = 'placebo';
         'ok'",
        false,
    )
    .unwrap();
    let shot = screenshot_at(&tab, "#structure");
    std::fs::write(out.join("page-structure-1280.png"), &shot).unwrap();
    tab.find_element("#apply-corrections")
        .unwrap()
        .click()
        .unwrap();
    let effects = wait_for_text(&tab, "#effects", "MD   -1.65");
    assert!(effects.contains("MD   -1.65"), "{effects}");
    let arms = js(
        &tab,
        "Array.from(document.querySelectorAll('#arms-table tr[data-arm]')).map(r => r.dataset.arm + '=' + r.dataset.value).join('|')",
    );
    assert_eq!(arms, "placebo=104|edaravone=102");
    let spread = js(
        &tab,
        "document.querySelector('[name=\"measure:alsfrs_r_1:dispersion\"]').value",
    );
    assert_eq!(spread, "SEM");
    let numbers = js(
        &tab,
        "Array.from(document.querySelectorAll('#measures-table tr[data-arm]')).map(r => r.dataset.arm + '=' + r.dataset.value).join('|')",
    );
    assert_eq!(numbers, "placebo=-4.70 ± 0.85|edaravone=-6.35 ± 0.84");
    // The document is still there, marked and checked, without analysing it again.
    assert_document_shown(&tab, &text);
    // A correction the form cannot hold is named next to its field, and nothing is lost:
    // the document, the results as they were, every value typed.
    tab.evaluate(
        "document.querySelector('[name=\"arm:placebo:label\"]').value = 'Placebo group';
         document.querySelector('[name=\"arm:placebo:n\"]').value = 'a hundred'; 'ok'",
        false,
    )
    .unwrap();
    tab.find_element("#apply-corrections")
        .unwrap()
        .click()
        .unwrap();
    let error = wait_for_text(&tab, "#error", "n must be");
    assert!(
        error.contains("arm 'placebo': n must be a whole number"),
        "{error}"
    );
    let typed = js(
        &tab,
        "['arm:placebo:label', 'arm:placebo:n', 'measure:alsfrs_r_1:dispersion'].map(n => { const f = document.querySelector('[name=\"' + n + '\"]'); return f.value + '/' + (f.getAttribute('aria-invalid') || '-'); }).join('|')",
    );
    assert_eq!(typed, "Placebo group/-|a hundred/true|SEM/-");
    let beside = js(
        &tab,
        "document.querySelector('.field-error[data-field=\"arm:placebo:n\"]').textContent",
    );
    assert!(beside.contains("got 'a hundred'"), "{beside}");
    let effects = js(&tab, "document.querySelector('#effects').textContent");
    assert!(effects.contains("MD   -1.65"), "{effects}");
    assert_document_shown(&tab, &text);
    let shot = screenshot_at(&tab, "#structure");
    std::fs::write(out.join("page-refused-1280.png"), &shot).unwrap();
    // A single-group press release (Japanese): each measure's time points in one table.
    open(&tab, &server.url("/?example=nmo-press-release"));
    tab.wait_for_element("#measures-table").unwrap();
    let rows = js(
        &tab,
        "Array.from(document.querySelectorAll('#measures-table tr[data-measure]')).map(r => r.dataset.value).join('|')",
    );
    assert!(
        rows.contains("2.9 ± 1.1") && rows.contains("0.4 ± 0.8"),
        "{rows}"
    );
    let shot = screenshot_at(&tab, "#structure");
    std::fs::write(out.join("page-structure-nmo-1280.png"), &shot).unwrap();
    // A phone-sized screen.
    let tab = desktop.new_tab().unwrap();
    viewport(&tab, 390, 844, true);
    open(&tab, &server.url("/?example=edaravone-abstract"));
    tab.wait_for_element("#text-marked").unwrap();
    let shot = screenshot(&tab);
    assert_eq!(png_size(&shot), (390, 844));
    std::fs::write(out.join("page-390x844.png"), &shot).unwrap();
    // The correction tables on the phone: each row a card.
    let shot = screenshot_at(&tab, "#structure");
    std::fs::write(out.join("page-structure-390x844.png"), &shot).unwrap();
    // Nothing wider than the screen: the page scrolls down, not across.
    let width = js(&tab, "String(document.documentElement.scrollWidth)");
    assert!(width.parse::<u32>().unwrap() <= 390, "scroll width {width}");
    // Each result row is a card: every cell, the status and the explanation too, on the
    // screen under its column's name, with nothing to scroll sideways inside a table.
    let off_screen = js(
        &tab,
        "String(Array.from(document.querySelectorAll('#verdicts-table td, #checks-table td, #text-checks-table td, #comparisons-table td, #arms-table td, #measures-table td')).filter(td => td.getBoundingClientRect().right > window.innerWidth + 0.5).length)",
    );
    assert_eq!(off_screen, "0");
    let scrolled = js(
        &tab,
        "String(Array.from(document.querySelectorAll('.scroll')).filter(d => d.scrollWidth > d.clientWidth + 1).length)",
    );
    assert_eq!(scrolled, "0");
    let status = js(
        &tab,
        "getComputedStyle(document.querySelector('#verdicts-table td[data-label=\"status\"]'), '::before').content",
    );
    assert_eq!(status, "\"status: \"");
    let shot = screenshot_at(&tab, "#verdicts");
    std::fs::write(out.join("page-verdicts-390x844.png"), &shot).unwrap();
    let shot = screenshot_at(&tab, "#text-checks");
    std::fs::write(out.join("page-text-checks-390x844.png"), &shot).unwrap();
    let shot = screenshot_at(&tab, "#effects");
    std::fs::write(out.join("page-effects-390x844.png"), &shot).unwrap();
    // The charts take the screen's whole width, each with a button opening it full size.
    let chart = js(
        &tab,
        "String(Math.round(document.querySelector('#chart-0 svg').getBoundingClientRect().width))",
    );
    assert_eq!(chart, "390");
    assert_eq!(
        js(&tab, "document.querySelector('#open-0').textContent"),
        "Open full size"
    );
    let shot = screenshot_at(&tab, "#charts");
    std::fs::write(out.join("page-charts-390x844.png"), &shot).unwrap();
}

/// The document (`text`, its line ends as the browser may send them) is in its box, marked,
/// and checked.
fn assert_document_shown(tab: &headless_chrome::Tab, text: &str) {
    let shown = js(tab, "document.querySelector('#document').value").replace('\r', "");
    assert_eq!(shown.trim(), text.replace('\r', "").trim());
    let marks = js(
        tab,
        "String(document.querySelectorAll('#text-marked mark[data-kind=\"mean_spread\"]').length)",
    );
    assert!(marks.parse::<usize>().unwrap() >= 2, "{marks} marks");
    let checks = js(
        tab,
        "String(document.querySelectorAll('#text-checks-table tbody tr').length)",
    );
    assert!(
        checks.parse::<usize>().unwrap() >= 1,
        "{checks} text checks"
    );
}

/// On a machine without any Japanese font (Chromium given a fontconfig with DejaVu Sans
/// only), the page's Japanese text and its charts' labels are drawn with the font the page
/// serves (user trial 4, finding 14); screenshots at 1280 × 800 and 390 × 844.
#[test]
fn japanese_shows_without_a_japanese_font_on_the_machine() {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let fonts = out.join("fonts-latin-only");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::copy("assets/fonts/DejaVuSans.ttf", fonts.join("DejaVuSans.ttf")).unwrap();
    let config = out.join("fonts-latin-only.conf");
    std::fs::write(
        &config,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            fonts.display(),
            out.join("fontconfig-cache").display()
        ),
    )
    .unwrap();
    let envs = std::collections::HashMap::from([(
        "FONTCONFIG_FILE".to_string(),
        config.display().to_string(),
    )]);
    let Some(chrome) = browser_with(1280, 800, Some(envs)) else {
        return;
    };
    let server = Server::start();
    let tab = chrome.new_tab().unwrap();
    viewport(&tab, 1280, 800, false);
    open(&tab, &server.url("/?example=nmo-press-release"));
    tab.wait_for_element("#text-marked").unwrap();
    let status = tab
        .evaluate(
            "document.fonts.ready.then(() => Array.from(document.fonts).map(f => f.family + '=' + f.status).join('|'))",
            true,
        )
        .unwrap()
        .value;
    let status = format!("{status:?}");
    assert!(status.contains("VL PGothic=loaded"), "{status}");
    // The fonts Chromium drew the text with: the Japanese in the page's own VL PGothic.
    js(
        &tab,
        "Array.from(document.querySelectorAll('#charts svg text')).find(t => /[\\u3040-\\u30ff\\u4e00-\\u9fff]/.test(t.textContent)).id = 'japanese-chart-label'; 'ok'",
    );
    for selector in ["#text-marked", "#japanese-chart-label"] {
        let fonts = drawn_with(&tab, selector);
        assert!(
            fonts
                .iter()
                .any(|(family, custom)| family == "VL PGothic" && *custom),
            "{selector}: {fonts:?}"
        );
        assert!(
            fonts
                .iter()
                .all(|(family, _)| family == "VL PGothic" || family.starts_with("DejaVu")),
            "{selector}: {fonts:?}"
        );
    }
    std::fs::write(
        out.join("page-japanese-no-font-1280.png"),
        screenshot_at(&tab, "#marked"),
    )
    .unwrap();
    std::fs::write(
        out.join("page-japanese-no-font-chart-1280.png"),
        screenshot_at(&tab, "#charts"),
    )
    .unwrap();
    viewport(&tab, 390, 844, true);
    std::fs::write(
        out.join("page-japanese-no-font-390.png"),
        screenshot_at(&tab, "#marked"),
    )
    .unwrap();
    // A two-arm report: say ± is an SEM and name the time point in the tables, apply; the
    // chart says so, and the document is still marked.
    viewport(&tab, 1280, 800, false);
    open(&tab, &server.url("/"));
    js(
        &tab,
        &format!(
            "document.querySelector('#document').value = {}; 'ok'",
            serde_json::to_string(TWO_ARMS_JA).unwrap()
        ),
    );
    tab.find_element("#analyse").unwrap().click().unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("#structure-form").unwrap();
    js(
        &tab,
        "const f = document.querySelector('#structure-form');
         f.querySelector('select[name$=\":dispersion\"]').value = 'SEM';
         f.querySelectorAll('input[name$=\":when\"]').forEach(i => i.value = '教材使用直後'); 'ok'",
    );
    tab.find_element("#apply-corrections")
        .unwrap()
        .click()
        .unwrap();
    let title = wait_for_text(&tab, "#chart-0 svg", "read as SEM");
    assert!(title.contains("(± read as SEM)"), "{title}");
    assert!(
        title.contains("教材使用直後") && !title.contains("read as SD"),
        "{title}"
    );
    let marks = js(
        &tab,
        "String(document.querySelectorAll('#text-marked mark[data-kind=\"mean_spread\"]').length)",
    );
    assert_eq!(marks, "2");
    std::fs::write(
        out.join("page-corrected-sem-chart-1280.png"),
        screenshot_at(&tab, "#charts"),
    )
    .unwrap();
}

/// The fonts Chromium drew the text of the element `selector` with: each family, and
/// whether it is a web font the page loaded.
fn drawn_with(tab: &headless_chrome::Tab, selector: &str) -> Vec<(String, bool)> {
    use headless_chrome::protocol::cdp::CSS;
    let node = tab.find_element(selector).unwrap().node_id;
    tab.call_method(CSS::Enable(None)).unwrap();
    tab.call_method(CSS::GetPlatformFontsForNode { node_id: node })
        .unwrap()
        .fonts
        .into_iter()
        .map(|f| (f.family_name, f.is_custom_font))
        .collect()
}

/// POST a chart's form, as its download buttons send it (the study file `toml`, the chart's
/// number `index` and any `extra` fields), to `path` (`/chart.png`, `/chart.svg`): the status,
/// the headers (lower case) and the body.
fn post_chart_form(
    server: &Server,
    path: &str,
    toml: &str,
    index: &str,
    extra: &[(&str, &str)],
) -> (u16, String, String) {
    let mut fields = vec![("study_toml", toml), ("index", index)];
    fields.extend_from_slice(extra);
    let (content_type, body) = multipart_fields(&fields);
    server.exchange(&server.host(), "POST", path, Some(&content_type), &body)
}

/// A chart's PNG button: the study file and the chart's number give the PNG, drawn again.
#[test]
fn a_chart_downloads_as_png() {
    let server = Server::start();
    let toml = std::fs::read_to_string("data/nmo-tocilizumab.toml").unwrap();
    let (status, headers, png) = post_chart_form(&server, "/chart.png", &toml, "0", &[]);
    assert_eq!(status, 200);
    assert!(headers.contains("content-type: image/png"), "{headers}");
    assert!(
        headers.contains("attachment; filename=\"chart-0.png\""),
        "{headers}"
    );
    assert!(
        png.get(..8).is_some_and(|start| start.contains("PNG")),
        "{:?}",
        png.get(..8)
    );
    // "Open full size": the same PNG, to be shown in the browser.
    let open = [("view", "open")];
    let (status, headers, _) = post_chart_form(&server, "/chart.png", &toml, "0", &open);
    assert_eq!(status, 200);
    assert!(
        headers.contains("content-disposition: inline; filename=\"chart-0.png\""),
        "{headers}"
    );
    // A chart the study does not draw: 400.
    let (status, _, _) = post_chart_form(&server, "/chart.png", &toml, "999", &[]);
    assert_eq!(status, 400);
}

/// A chart's SVG button: the chart drawn again from the study file, its text as the embedded
/// fonts' glyph outlines, so the Japanese labels of the NMO press release need no font where
/// the file is opened (crates/page/tests/svg_download.rs draws it with none).
#[test]
fn a_chart_downloads_as_svg_with_its_own_glyphs() {
    let server = Server::start();
    let (status, page) = server.request("GET", "/?example=nmo-press-release", None, b"");
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="svg-0" formaction="/chart.svg""#));
    assert!(
        !page.contains("data:image/svg+xml"),
        "the page carries no SVG copy of a chart"
    );
    let text = std::fs::read_to_string("tests/data/seeds/002_f6b3e19b5df4114a.txt").unwrap();
    let (status, answer) = server.request(
        "POST",
        "/api/analyse",
        Some("application/json"),
        serde_json::json!({ "text": text }).to_string().as_bytes(),
    );
    assert_eq!(status, 200);
    let api = json(&answer);
    let inline = api["charts"][0]["svg"].as_str().unwrap();
    assert!(inline.contains("<text") && inline.contains("年間再発率"));
    let toml = api["study_toml"].as_str().unwrap();
    let (status, headers, svg) = post_chart_form(&server, "/chart.svg", toml, "0", &[]);
    assert_eq!(status, 200, "{svg:.300}");
    assert!(headers.contains("content-type: image/svg+xml"), "{headers}");
    assert!(
        headers.contains("attachment; filename=\"chart-0.svg\""),
        "{headers}"
    );
    assert!(
        svg.starts_with("<svg") && svg.contains("<path"),
        "{svg:.300}"
    );
    assert!(!svg.contains("<text") && !svg.contains("年間再発率"));
    // A GET says how to ask for it.
    let (status, answer) = server.request("GET", "/chart.svg", None, b"");
    assert_eq!(status, 405);
    assert!(answer.contains("POST to /chart.svg"), "{answer}");
}

/// The bytes a `data:` link of the page holds (its text after the comma, percent-decoded).
fn data_link_bytes(href: &str) -> Vec<u8> {
    let (_, encoded) = href.split_once(',').unwrap_or_else(|| panic!("{href:.80}"));
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// The page's one-page report (`a#download-report`), downloaded and opened on its own in
/// headless Chromium: its sections, its charts as SVG, nothing fetched (no script, no
/// external resource), and printed on A4 (Chromium's PDF: the pages counted). Screenshots at
/// 1280 wide and A4-sized (794 × 1123 CSS pixels, print media), saved under target/ to be
/// looked at.
#[test]
fn the_report_downloads_whole_and_prints_on_a4() {
    let Some(desktop) = browser(1280, 800) else {
        return;
    };
    let server = Server::start();
    let tab = desktop.new_tab().unwrap();
    viewport(&tab, 1280, 800, false);
    open(&tab, &server.url("/?example=edaravone-abstract"));
    tab.wait_for_element("#download-report").unwrap();
    assert_eq!(
        js(
            &tab,
            "document.querySelector('#download-report').getAttribute('download')"
        ),
        "report.html"
    );
    let href = js(&tab, "document.querySelector('#download-report').href");
    assert!(href.starts_with("data:text/html;"), "{href:.60}");
    let report = String::from_utf8(data_link_bytes(&href)).unwrap();
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = out.join("report.html");
    std::fs::write(&file, &report).unwrap();
    // Opened from the disk, as a downloaded file is.
    open(&tab, &format!("file://{}", file.display()));
    tab.wait_for_element("#effects").unwrap();
    let sections = js(
        &tab,
        "Array.from(document.querySelectorAll('section[id]')).map(s => s.id).join(',')",
    );
    for id in ["verdicts", "checks", "effects", "charts"] {
        assert!(sections.split(',').any(|s| s == id), "{id}: {sections}");
    }
    let heading = js(
        &tab,
        "document.querySelector('#report-heading').textContent",
    );
    assert!(
        heading.contains("Source: edaravone-abstract.txt"),
        "{heading}"
    );
    let verdicts = js(&tab, "document.querySelector('#verdicts').textContent");
    assert!(verdicts.contains("SE of an adjusted"), "{verdicts}");
    let effects = js(&tab, "document.querySelector('#effects').textContent");
    assert!(effects.contains("as printed: difference 0.65"), "{effects}");
    // Numbers for a reader, each effect code spelled out (user trial 4, finding 12).
    assert!(effects.contains("MD   0.65 [-1.69, 2.99]"), "{effects}");
    assert!(
        effects.contains("MD: mean difference, group1 − group2"),
        "{effects}"
    );
    let abbr = js(&tab, "document.querySelector('#effects pre abbr').title");
    assert!(abbr.starts_with("mean difference"), "{abbr}");
    let svgs = js(
        &tab,
        "String(document.querySelectorAll('#charts svg').length)",
    );
    assert!(svgs.parse::<usize>().unwrap() >= 1, "{svgs} charts");
    // Self-contained: nothing to run, nothing to follow, nothing fetched.
    let outside = js(
        &tab,
        "String(document.querySelectorAll('script, form, nav, a[href], link, img, iframe').length + performance.getEntriesByType('resource').length)",
    );
    assert_eq!(outside, "0");
    let shot = screenshot(&tab);
    std::fs::write(out.join("report-1280x800.png"), &shot).unwrap();
    let shot = screenshot_at(&tab, "#effects");
    std::fs::write(out.join("report-effects-1280.png"), &shot).unwrap();
    // As printed: A4 at 96 CSS pixels an inch, print media.
    use headless_chrome::protocol::cdp::Emulation::SetEmulatedMedia;
    tab.call_method(SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })
    .unwrap();
    viewport(&tab, 794, 1123, false);
    js(&tab, "window.scrollTo(0, 0); 'ok'");
    let shot = screenshot(&tab);
    assert_eq!(png_size(&shot), (794, 1123));
    std::fs::write(out.join("report-a4-print-1.png"), &shot).unwrap();
    let shot = screenshot_at(&tab, "#effects");
    std::fs::write(out.join("report-a4-print-effects.png"), &shot).unwrap();
    let shot = screenshot_at(&tab, "#charts");
    std::fs::write(out.join("report-a4-print-charts.png"), &shot).unwrap();
    let pdf = tab
        .print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            print_background: Some(true),
            ..Default::default()
        }))
        .unwrap();
    std::fs::write(out.join("report.pdf"), &pdf).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let pages = text
        .matches("/Type /Page")
        .count()
        .saturating_sub(text.matches("/Type /Pages").count());
    eprintln!("report.pdf: {} bytes, {pages} A4 pages", pdf.len());
    assert!(pdf.starts_with(b"%PDF"));
}
