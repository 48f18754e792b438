//! `hashBlob`: SHA-1 of a `Blob` or `File`, read in chunks so that memory stays flat
//! whatever the file size.

use js_sys::{ArrayBuffer, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Blob, ReadableStreamByobReader, ReadableStreamGetReaderOptions,
    ReadableStreamReaderMode,
};

use super::js::HashError;
use super::Sha1Hasher;

/// Bytes per read when the caller gives none. Each read has a fixed cost: in Chromium 156,
/// `Blob.slice` reads of 1 MiB ran at about half the speed of 8 MiB ones.
const DEFAULT_CHUNK_SIZE: f64 = 8.0 * 1024.0 * 1024.0;

/// Largest chunk accepted, because the chunk is held twice (in JavaScript and in wasm
/// memory), and on the slice path a read ahead as well.
const MAX_CHUNK_SIZE: f64 = 256.0 * 1024.0 * 1024.0;

struct Options {
    chunk_size: f64,
    on_progress: Option<Function>,
    signal: Option<AbortSignal>,
}

/// Computes the SHA-1 of a `Blob` or `File` and resolves to 40 lower-case hex digits.
///
/// `options` (all optional): `chunkSize` bytes per read (default 8 MiB, at most
/// 256 MiB), `onProgress(bytesDone, total)` called after each chunk, and `signal`, an
/// `AbortSignal` checked before and after each read. A BYOB reader on `blob.stream()`
/// fills one reused buffer; where the stream is not a byte stream, `Blob.slice` reads
/// are used, the next one issued while the current one hashes. Rejects with
/// `{code: "hashAborted" | "hashReadFailed" | "hashInvalidOption", message}`, or with
/// whatever `onProgress` threw.
#[wasm_bindgen(js_name = hashBlob)]
pub async fn hash_blob(blob: Blob, options: JsValue) -> Result<String, JsValue> {
    let options = parse_options(&options).map_err(HashError::into_js)?;
    let digest = match byob_reader(&blob) {
        Some(reader) => hash_stream(&blob, &reader, &options).await,
        None => hash_slices(&blob, &options).await,
    };
    digest.map_err(HashError::into_js)
}

/// Returns a BYOB reader on the blob's stream, or None where the stream is not a byte
/// stream (Chromium 156's is).
fn byob_reader(blob: &Blob) -> Option<ReadableStreamByobReader> {
    let stream = blob.stream();
    let options = ReadableStreamGetReaderOptions::new();
    options.set_mode(ReadableStreamReaderMode::Byob);
    // Called through Function::call1, which catches the TypeError a stream that is not
    // a byte stream throws; web-sys binds getReader without catching.
    let get_reader: Function = Reflect::get(&stream, &JsValue::from_str("getReader"))
        .ok()?
        .dyn_into()
        .ok()?;
    get_reader.call1(&stream, &options).ok()?.dyn_into().ok()
}

/// Reads through the BYOB reader into one ArrayBuffer, which each read hands back, and
/// copies every chunk into the same wasm buffer: nothing is allocated per chunk.
async fn hash_stream(
    blob: &Blob,
    reader: &ReadableStreamByobReader,
    options: &Options,
) -> Result<String, HashError> {
    let total = blob.size();
    let chunk_size = options.chunk_size.min(total).max(1.0);
    let mut hasher = Sha1Hasher::new();
    let mut buffer = vec![0u8; chunk_size as usize];
    let mut reusable = ArrayBuffer::new(chunk_size as u32);
    let read_options = Object::new();
    // `min` requests a full view, so chunks are few and large.
    set(&read_options, "min", &JsValue::from_f64(chunk_size));
    let read: Function = Reflect::get(reader, &JsValue::from_str("read"))
        .ok()
        .and_then(|read| read.dyn_into().ok())
        .ok_or_else(|| read_failed(JsValue::from_str("the stream reader has no read()")))?;

    let mut done_bytes = 0.0;
    loop {
        if let Err(aborted) = check_aborted(options) {
            // The promise of cancel() needs no waiting: nothing more is read.
            let _ = reader.cancel();
            return Err(aborted);
        }
        let view = Uint8Array::new(&reusable);
        let promise = read
            .call2(reader, &view, &read_options)
            .map_err(read_failed)?
            .dyn_into::<js_sys::Promise>()
            .map_err(read_failed)?;
        let result = JsFuture::from(promise).await.map_err(read_failed)?;
        let done = get(&result, "done").as_bool().unwrap_or(true);

        if let Ok(chunk) = get(&result, "value").dyn_into::<Uint8Array>() {
            let len = chunk.length() as usize;
            chunk.copy_to(&mut buffer[..len]);
            hasher.update(&buffer[..len]);
            done_bytes += len as f64;
            reusable = chunk.buffer();
            if len > 0 {
                report_progress(options, done_bytes, total)?;
            }
        }
        if done {
            break;
        }
    }

    if done_bytes != total {
        return Err(HashError::ReadFailed {
            reason: format!("read {done_bytes} of {total} bytes"),
        });
    }
    Ok(hasher.finalize_hex())
}

fn report_progress(options: &Options, done: f64, total: f64) -> Result<(), HashError> {
    match &options.on_progress {
        Some(callback) => callback
            .call2(
                &JsValue::NULL,
                &JsValue::from_f64(done),
                &JsValue::from_f64(total),
            )
            .map(|_| ())
            .map_err(HashError::Callback),
        None => Ok(()),
    }
}

/// Reads with `Blob.slice` + `arrayBuffer()`, issuing the next read before hashing the
/// current chunk. Each read allocates its own ArrayBuffer.
async fn hash_slices(blob: &Blob, options: &Options) -> Result<String, HashError> {
    let total = blob.size();
    let mut hasher = Sha1Hasher::new();
    let mut buffer = vec![0u8; options.chunk_size.min(total) as usize];
    check_aborted(options)?;

    let mut start = 0.0;
    let mut pending = (total > 0.0).then(|| read_slice(blob, 0.0, options.chunk_size.min(total)));
    while let Some(read) = pending.take() {
        let slice = read?.await.map_err(read_failed)?;
        check_aborted(options)?;

        let end = (start + options.chunk_size).min(total);
        if end < total {
            // Issued before hashing, so the browser reads this slice meanwhile.
            pending = Some(read_slice(blob, end, (end + options.chunk_size).min(total)));
        }

        let bytes = Uint8Array::new(&slice.unchecked_into::<ArrayBuffer>());
        let len = bytes.length() as usize;
        if len as f64 != end - start {
            return Err(HashError::ReadFailed {
                reason: format!(
                    "read {len} bytes at offset {start}, expected {}",
                    end - start
                ),
            });
        }
        bytes.copy_to(&mut buffer[..len]);
        hasher.update(&buffer[..len]);
        start = end;

        if let Some(callback) = &options.on_progress {
            callback
                .call2(
                    &JsValue::NULL,
                    &JsValue::from_f64(start),
                    &JsValue::from_f64(total),
                )
                .map_err(HashError::Callback)?;
        }
    }
    Ok(hasher.finalize_hex())
}

fn read_slice(blob: &Blob, start: f64, end: f64) -> Result<JsFuture, HashError> {
    let slice = blob
        .slice_with_f64_and_f64(start, end)
        .map_err(read_failed)?;
    Ok(JsFuture::from(slice.array_buffer()))
}

fn check_aborted(options: &Options) -> Result<(), HashError> {
    match &options.signal {
        Some(signal) if signal.aborted() => Err(HashError::Aborted),
        _ => Ok(()),
    }
}

fn read_failed(error: JsValue) -> HashError {
    let reason = Reflect::get(&error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    HashError::ReadFailed { reason }
}

fn parse_options(options: &JsValue) -> Result<Options, HashError> {
    let mut parsed = Options {
        chunk_size: DEFAULT_CHUNK_SIZE,
        on_progress: None,
        signal: None,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(parsed);
    }

    let chunk_size = get(options, "chunkSize");
    if !chunk_size.is_undefined() {
        parsed.chunk_size = match chunk_size.as_f64() {
            Some(size) if size.fract() == 0.0 && (1.0..=MAX_CHUNK_SIZE).contains(&size) => size,
            _ => {
                return Err(HashError::InvalidOption {
                    name: "chunkSize",
                    reason: format!("expected a whole number of bytes from 1 to {MAX_CHUNK_SIZE}"),
                })
            }
        };
    }

    let on_progress = get(options, "onProgress");
    if !on_progress.is_undefined() {
        parsed.on_progress =
            Some(
                on_progress
                    .dyn_into()
                    .map_err(|_| HashError::InvalidOption {
                        name: "onProgress",
                        reason: "expected a function".to_owned(),
                    })?,
            );
    }

    let signal = get(options, "signal");
    if !signal.is_undefined() {
        parsed.signal = Some(signal.dyn_into().map_err(|_| HashError::InvalidOption {
            name: "signal",
            reason: "expected an AbortSignal".to_owned(),
        })?);
    }
    Ok(parsed)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a data property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
