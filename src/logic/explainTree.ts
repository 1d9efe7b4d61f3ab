import type { ExplainNode } from "./compileCondition.js";

type Leaf = Extract<ExplainNode, { kind: "leaf" }>;

/**
 * The leaves that decided a node's outcome: for a true `all`, every child; for a false
 * `all`, the false children; for `any` the mirror image; `not` passes through. For an
 * unknown node, the unknown children (the gap's cause).
 */
export function decisiveLeaves(node: ExplainNode): Leaf[] {
  if (node.kind === "leaf") return [node];
  if (node.kind === "not") return decisiveLeaves(node.children[0]);
  const wanted = node.result;
  const deciding = node.children.filter((c) => c.result === wanted);
  return deciding.flatMap(decisiveLeaves);
}
