// The floor's worker: JSON.parse each line and JSON.stringify a result of the same size.
import { parentPort, workerData } from "node:worker_threads";

const template = JSON.parse(workerData.template);
parentPort.on("message", ({ seq, lines }) => {
  let out = "";
  for (const line of lines) {
    const input = JSON.parse(line);
    out += `${JSON.stringify({ record: seq, patientId: input.id, ...template })}\n`;
  }
  parentPort.postMessage({ seq, text: out });
});
