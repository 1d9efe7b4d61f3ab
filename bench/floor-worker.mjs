// The floor's worker: JSON.parse each line and JSON.stringify a result of the same size, encoded
// and handed back the way psychrx's workers do it (UTF-8 into one growing buffer, transferred).
import { parentPort, workerData } from "node:worker_threads";

const template = JSON.parse(workerData.template);
const encoder = new TextEncoder();
let buffer = new Uint8Array(1 << 16);
parentPort.on("message", ({ seq, lines }) => {
  let length = 0;
  for (const line of lines) {
    const input = JSON.parse(line);
    const text = JSON.stringify({ record: seq, patientId: input.id, ...template });
    if (length + text.length * 3 + 1 > buffer.length) {
      const grown = new Uint8Array(Math.max(buffer.length * 2, length + text.length * 3 + 1));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    length += encoder.encodeInto(text, buffer.subarray(length)).written;
    buffer[length++] = 0x0a;
  }
  const out = Buffer.allocUnsafeSlow(length);
  out.set(buffer.subarray(0, length));
  const bytes = new Uint8Array(out.buffer, 0, length);
  parentPort.postMessage({ seq, bytes }, [bytes.buffer]);
});
