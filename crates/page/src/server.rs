//! The HTTP server: the page (`GET /`, `POST /` from its forms), the JSON API
//! (`POST /api/analyse`), a chart as PNG or as an SVG needing no font (`POST /chart.png`,
//! `POST /chart.svg`), the page's fonts
//! (`GET /fonts/NAME`), and the rules that keep a local server safe on a user's machine:
//!
//! * a request whose `Host` is not the address the server listens on (or, on loopback,
//!   `localhost`) gets 403, so a web page the user visits cannot reach it by DNS rebinding;
//!   no CORS headers are sent, so other sites cannot read its answers;
//! * bodies over [`MAX_BODY`] get 413 saying the limit and what to do, a malformed body 400
//!   with the reason, another content type 415, another method 405 saying which one;
//! * each analysis runs on the blocking pool, so a slow one does not hold up the others, and a
//!   panic in one is answered with 500 and its message while the server goes on answering;
//! * nothing is written to disk: downloads are `data:` links in the page, or drawn again from
//!   the study file the form sends (a chart's PNG and SVG).

use crate::analyse::{
    ChartFile, DocumentText, PageAnalysis, analyse_corrections, analyse_document, analyse_edited,
};
use crate::corrections::{self, RefusedCorrection};
use crate::error::{Error, Result};
use crate::html::{EXAMPLES, page, page_refused};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use trialstats_documents::study::edit::StudyEdit;

/// The largest request body accepted (10 MB).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct ServeConfig {
    pub host: IpAddr,
    /// 0 takes a free port.
    pub port: u16,
}

/// Listen, print `listening on http://HOST:PORT/` as the first line on stdout, and answer
/// until Ctrl-C.
pub fn serve(config: ServeConfig) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Server(format!("cannot start its runtime: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((config.host, config.port))
            .await
            .map_err(|e| {
                Error::field(
                    "port",
                    format!("cannot listen on {}:{}: {e}", config.host, config.port),
                )
            })?;
        let address = listener
            .local_addr()
            .map_err(|e| Error::Server(format!("has no local address: {e}")))?;
        println!("listening on http://{}/", host_port(address));
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, router(address))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::Server(format!("stopped: {e}")))
    })
}

/// `IP:PORT`, an IPv6 address in brackets (as a URL and a `Host` header write it).
fn host_port(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
    }
}

/// The `Host` values a request may carry to a server listening on `address`.
fn allowed_hosts(address: SocketAddr) -> Vec<String> {
    let port = address.port();
    let mut hosts = vec![host_port(address)];
    if address.ip().is_loopback() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    hosts
}

/// The routes, for a server listening on `address`.
pub fn router(address: SocketAddr) -> Router {
    let hosts = Arc::new(allowed_hosts(address));
    Router::new()
        .route("/", get(index).post(analyse_form))
        .route("/api/analyse", post(api_analyse))
        .route("/chart.png", post(|r| chart(r, ChartFile::Png)))
        .route("/chart.svg", post(|r| chart(r, ChartFile::Svg)))
        .route("/fonts/{name}", get(font))
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found: the page is at /") })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(explain_too_large))
        .layer(middleware::from_fn_with_state(hosts, check_host))
}

/// What a body over [`MAX_BODY`] is told: the limit, and what to send instead.
fn too_large_message(sent: Option<u64>) -> String {
    let size = sent.map_or(String::new(), |bytes| {
        format!(" (this one is {:.1} MB)", bytes as f64 / 1_048_576.0)
    });
    format!(
        "too large: the page takes at most {} MB of text or file at once{size}. Paste only the part of the report with the results (the abstract, the results section or a table), or split the document and give each part on its own; a PDF whose text is smaller can be saved as .txt first.",
        MAX_BODY / (1024 * 1024)
    )
}

/// Every 413 answer says the limit and what to do: as JSON on the API, as the page on `/`,
/// as text elsewhere (the body-limit refusal of the extractors says neither).
async fn explain_too_large(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let sent = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let message = too_large_message(sent);
    match path.as_str() {
        "/api/analyse" => json_error(StatusCode::PAYLOAD_TOO_LARGE, &message),
        "/" => (
            StatusCode::PAYLOAD_TOO_LARGE,
            Html(page("", None, Some(&message)).into_string()),
        )
            .into_response(),
        _ => (StatusCode::PAYLOAD_TOO_LARGE, message).into_response(),
    }
}

/// 405, with a line saying which method the path answers (axum adds the `Allow` header).
async fn method_not_allowed(uri: axum::http::Uri, method: axum::http::Method) -> Response {
    let status = StatusCode::METHOD_NOT_ALLOWED;
    match uri.path() {
        "/api/analyse" => json_error(
            status,
            &format!(
                "{method} is not answered here: POST to /api/analyse, with a JSON body ({{\"text\": \"...\"}} or {{\"study_toml\": \"...\"}}) or a file as multipart/form-data"
            ),
        ),
        path @ ("/chart.png" | "/chart.svg") => (
            status,
            format!("POST to {path}, with the study file (study_toml) and a chart's number (index), as the page's PNG and SVG buttons do"),
        )
            .into_response(),
        path => (
            status,
            format!("{method} is not answered at {path}: GET / for the page"),
        )
            .into_response(),
    }
}

/// `GET /fonts/NAME`: a font the page's text and charts are drawn with, from the binary
/// ([`crate::html::page_fonts`]), kept by the browser for a year (the page's links to it carry
/// the version).
async fn font(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let fonts = crate::html::page_fonts();
    match fonts.iter().find(|f| f.file == name) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, "font/ttf"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            f.bytes,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            format!(
                "no font '{name}'; the page's fonts are {}",
                fonts.iter().map(|f| f.file).collect::<Vec<_>>().join(", ")
            ),
        )
            .into_response(),
    }
}

/// 403 unless the `Host` header names this server.
async fn check_host(
    State(hosts): State<Arc<Vec<String>>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            format!(
                "forbidden: this server answers requests to {} only",
                hosts.join(", ")
            ),
        )
            .into_response()
    }
}

#[derive(Deserialize)]
struct ExampleQuery {
    example: Option<String>,
}

/// The page; with `?example=ID`, that example analysed.
async fn index(Query(q): Query<ExampleQuery>) -> Response {
    let Some(id) = q.example else {
        return Html(page("", None, None).into_string()).into_response();
    };
    let Some(example) = EXAMPLES.iter().find(|e| e.id == id) else {
        let known: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
        let message = format!("no example '{id}'; the examples are {}", known.join(", "));
        return (
            StatusCode::NOT_FOUND,
            Html(page("", None, Some(&message)).into_string()),
        )
            .into_response();
    };
    let input = if example.is_study_file {
        Input::StudyFile {
            toml: example.text.to_string(),
            edits: Vec::new(),
        }
    } else {
        Input::Document {
            name: format!("{}.txt", example.id),
            bytes: example.text.as_bytes().to_vec(),
        }
    };
    let shown = if example.is_study_file {
        ""
    } else {
        example.text
    };
    match run(input).await {
        Ok(a) => Html(page(shown, Some(&a.analysis), None).into_string()).into_response(),
        Err((status, message)) => (
            status,
            Html(page(shown, None, Some(&message)).into_string()),
        )
            .into_response(),
    }
}

/// What a request asks to analyse: a document, a study file with the API's edits, or a
/// study file with a form's fields (the page's corrections) and the document's text the form
/// carried.
enum Input {
    Document {
        name: String,
        bytes: Vec<u8>,
    },
    StudyFile {
        toml: String,
        edits: Vec<StudyEdit>,
    },
    Form {
        toml: String,
        fields: Vec<(String, String)>,
        document: Option<DocumentText>,
    },
}

/// An analysis, and the correction the form asked for that was refused (nothing applied).
struct Answer {
    analysis: PageAnalysis,
    refused: Option<RefusedCorrection>,
}

/// Analyse on the blocking pool; an input error is 400, a panic 500, each with its message.
async fn run(input: Input) -> std::result::Result<Answer, (StatusCode, String)> {
    let task = tokio::task::spawn_blocking(move || match input {
        Input::Document { name, bytes } => analyse_document(&name, &bytes).map(Answer::of),
        Input::StudyFile { toml, edits } => analyse_edited(&toml, &edits).map(Answer::of),
        Input::Form {
            toml,
            fields,
            document,
        } => {
            let (analysis, refused) = analyse_corrections(&toml, fields, document.as_ref());
            Ok(Answer { analysis, refused })
        }
    });
    match task.await {
        Ok(Ok(a)) => Ok(a),
        Ok(Err(e)) => Err((StatusCode::BAD_REQUEST, e.to_string())),
        Err(e) => {
            let why = e
                .try_into_panic()
                .ok()
                .and_then(|p| {
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                })
                .unwrap_or_else(|| "the analysis was stopped".to_string());
            Err((
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the analysis failed (a fault of trialstats, please report it): {why}"),
            ))
        }
    }
}

impl Answer {
    fn of(analysis: PageAnalysis) -> Answer {
        Answer {
            analysis,
            refused: None,
        }
    }
}

/// The fields of a form or multipart body: `text`, `file` (with its name), `study_toml`, and
/// with a study file the correction form's fields and the document's text it carries
/// ([`crate::corrections`]).
async fn read_multipart(mut form: Multipart) -> std::result::Result<Input, (StatusCode, String)> {
    let bad = |e: axum::extract::multipart::MultipartError| (e.status(), e.body_text());
    let (mut text, mut file, mut study) = (None, None, None);
    let (mut document_text, mut document_name) = (None, None);
    let mut corrections = Vec::new();
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let data = field.bytes().await.map_err(bad)?;
        let as_text = || String::from_utf8(data.to_vec()).ok();
        match name.as_str() {
            "text" => text = Some(data),
            "file" if !data.is_empty() => {
                file = Some((file_name.unwrap_or_else(|| "uploaded file".into()), data))
            }
            "study_toml" => study = Some(data),
            corrections::DOCUMENT_TEXT => document_text = as_text(),
            corrections::DOCUMENT_NAME => document_name = as_text(),
            _ => {
                if let Some(value) = as_text() {
                    corrections.push((name, value));
                }
            }
        }
    }
    if let Some((name, bytes)) = file {
        return Ok(Input::Document {
            name,
            bytes: bytes.to_vec(),
        });
    }
    if let Some(toml) = study {
        let toml = String::from_utf8(toml.to_vec()).map_err(|_| {
            (
                StatusCode::BAD_REQUEST,
                "study_toml is not UTF-8 text".to_string(),
            )
        })?;
        let document = document_text
            .filter(|t| !t.trim().is_empty())
            .map(|text| DocumentText {
                name: document_name
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| "pasted text".into()),
                text,
            });
        return Ok(Input::Form {
            toml,
            fields: corrections,
            document,
        });
    }
    match text {
        Some(t) if !t.iter().all(u8::is_ascii_whitespace) => Ok(Input::Document {
            name: "pasted text".into(),
            bytes: t.to_vec(),
        }),
        _ => Err((
            StatusCode::BAD_REQUEST,
            "nothing to analyse: paste a report's text or choose a file".to_string(),
        )),
    }
}

/// `POST /` from the page's forms: the page with the results; a refused correction, the page
/// with the study as it was, the form as typed and the reason next to the tables.
async fn analyse_form(request: Request) -> Response {
    let form = match Multipart::from_request(request, &()).await {
        Ok(f) => f,
        Err(e) => {
            let message = format!("the form could not be read: {}", e.body_text());
            return (
                e.status(),
                Html(page("", None, Some(&message)).into_string()),
            )
                .into_response();
        }
    };
    let input = match read_multipart(form).await {
        Ok(i) => i,
        Err((status, message)) => {
            return (status, Html(page("", None, Some(&message)).into_string())).into_response();
        }
    };
    // The text the box shows again: what was pasted (not a PDF's bytes), or the document's
    // text a correction form carried.
    let text = match &input {
        Input::Document { name, .. } if name.ends_with(".pdf") => String::new(),
        Input::Document { bytes, .. } => String::from_utf8_lossy(bytes).into_owned(),
        Input::Form {
            document: Some(d), ..
        } => d.text.clone(),
        Input::Form { .. } | Input::StudyFile { .. } => String::new(),
    };
    match run(input).await {
        Ok(Answer { analysis, refused }) => {
            let text = if analysis.text.is_empty() {
                text
            } else {
                analysis.text.clone()
            };
            match refused {
                None => Html(page(&text, Some(&analysis), None).into_string()).into_response(),
                Some(r) => (
                    StatusCode::BAD_REQUEST,
                    Html(page_refused(&text, &analysis, &r).into_string()),
                )
                    .into_response(),
            }
        }
        Err((status, message)) => (
            status,
            Html(page(&text, None, Some(&message)).into_string()),
        )
            .into_response(),
    }
}

/// The JSON body of `POST /api/analyse`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiRequest {
    text: Option<String>,
    study_toml: Option<String>,
    /// Corrections applied to `study_toml` first.
    edits: Option<Vec<StudyEdit>>,
}

/// `POST /api/analyse`: `{"text": …}` or `{"study_toml": …}` as JSON, or a multipart body as
/// the page's form sends; the analysis as JSON, or `{"error": …}`.
async fn api_analyse(headers: HeaderMap, request: Request) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let input = if content_type.starts_with("application/json") {
        let body = match Bytes::from_request(request, &()).await {
            Ok(b) => b,
            Err(e) => return json_error(e.status(), &e.body_text()),
        };
        match serde_json::from_slice::<ApiRequest>(&body) {
            Ok(ApiRequest {
                study_toml: Some(toml),
                text: None,
                edits,
            }) => Input::StudyFile {
                toml,
                edits: edits.unwrap_or_default(),
            },
            Ok(ApiRequest {
                text: Some(text),
                study_toml: None,
                edits: None,
            }) => {
                if text.trim().is_empty() {
                    return json_error(StatusCode::BAD_REQUEST, "text is empty");
                }
                Input::Document {
                    name: "pasted text".into(),
                    bytes: text.into_bytes(),
                }
            }
            Ok(_) => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    "give exactly one of \"text\" and \"study_toml\" (\"edits\" only with \"study_toml\")",
                );
            }
            Err(e) => {
                return json_error(
                    StatusCode::BAD_REQUEST,
                    &format!(
                        "the body is not the JSON expected ({{\"text\": \"...\"}} or {{\"study_toml\": \"...\", \"edits\": [...]}}): {e}"
                    ),
                );
            }
        }
    } else if content_type.starts_with("multipart/form-data") {
        let form = match Multipart::from_request(request, &()).await {
            Ok(f) => f,
            Err(e) => return json_error(e.status(), &e.body_text()),
        };
        match read_multipart(form).await {
            Ok(i) => i,
            Err((status, message)) => return json_error(status, &message),
        }
    } else {
        return json_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send application/json ({\"text\": \"...\"}) or multipart/form-data (a file)",
        );
    };
    match run(input).await {
        Ok(Answer {
            refused: Some(r), ..
        }) => json_error(
            StatusCode::BAD_REQUEST,
            &format!("the corrections: {}", r.with_field()),
        ),
        Ok(Answer { analysis, .. }) => axum::Json(analysis).into_response(),
        Err((status, message)) => json_error(status, &message),
    }
}

/// `POST /chart.png` or `/chart.svg` with `study_toml` and `index` (multipart, as the page's
/// PNG and SVG buttons send them): that chart as a `format` download, or with `view=open` to
/// be shown in the browser (the page's "Open full size").
async fn chart(request: Request, format: ChartFile) -> Response {
    let mut form = match Multipart::from_request(request, &()).await {
        Ok(f) => f,
        Err(e) => return (e.status(), e.body_text()).into_response(),
    };
    let (mut toml, mut index, mut open) = (None, None, false);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let Ok(text) = field.text().await else {
                    return (StatusCode::BAD_REQUEST, "a field is not text").into_response();
                };
                match name.as_str() {
                    "study_toml" => toml = Some(text),
                    "index" => index = text.trim().parse::<usize>().ok(),
                    "view" => open = text.trim() == "open",
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => return (e.status(), e.body_text()).into_response(),
        }
    }
    let (Some(toml), Some(index)) = (toml, index) else {
        return (
            StatusCode::BAD_REQUEST,
            "give study_toml and index (a chart's number)",
        )
            .into_response();
    };
    let task =
        tokio::task::spawn_blocking(move || crate::analyse::chart_file(&toml, index, format));
    match task.await {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, format.mime().to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "{}; filename=\"chart-{index}.{}\"",
                        if open { "inline" } else { "attachment" },
                        format.extension()
                    ),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the chart could not be drawn (a fault of trialstats, please report it)",
        )
            .into_response(),
    }
}

fn json_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}
