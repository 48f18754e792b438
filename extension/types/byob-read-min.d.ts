// TypeScript 5.9's DOM library declares ReadableStreamBYOBReader.read without the `min`
// option of the Streams standard, which the hashing reader passes and Chromium 156
// honours. This overload can go once the DOM library declares the option.
interface ReadableStreamBYOBReader {
  read<T extends ArrayBufferView>(view: T, options?: { min?: number }): Promise<ReadableStreamReadResult<T>>;
}
