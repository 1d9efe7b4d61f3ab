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

/** Facts whose absence left the node unknown, sorted and unique. */
export function missingFacts(node: ExplainNode): string[] {
  const out = new Set<string>();
  const walk = (n: ExplainNode) => {
    if (n.result !== null) return;
    if (n.kind === "leaf") for (const m of n.missing ?? []) out.add(m);
    else n.children.forEach(walk);
  };
  walk(node);
  return [...out].sort();
}
