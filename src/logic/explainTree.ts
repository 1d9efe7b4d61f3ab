import type { ExplainNode } from "./compileCondition.js";

type Leaf = Extract<ExplainNode, { kind: "leaf" }>;

/**
 * The leaves that decided a node's outcome: for a true `all`, every child; for a false
 * `all`, the false children; for `any` the mirror image; `not` passes through. For an
 * unknown node, the unknown children (the gap's cause).
 */
export function decisiveLeaves(node: ExplainNode): Leaf[] {
  const out: Leaf[] = [];
  collect(node, out);
  return out;
}

function collect(node: ExplainNode, out: Leaf[]): void {
  if (node.kind === "leaf") out.push(node);
  else if (node.kind === "not") collect(node.children[0], out);
  else for (const child of node.children) if (child.result === node.result) collect(child, out);
}
