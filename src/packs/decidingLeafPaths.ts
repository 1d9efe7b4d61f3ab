import type { ExplainNode } from "../logic/compileCondition.js";

/**
 * Paths of the leaves that decided an evaluated condition tree's outcome (as
 * `decisiveLeaves` in src/logic/explainTree.ts, with paths): every child of a true `all` or a
 * false `any`, the false children of a false `all`, the true children of a true `any`, the
 * unknown children of an unknown node. The explain tree mirrors the condition, so a child's
 * index is its index in the condition.
 */
export function decidingLeafPaths(node: ExplainNode, path: string): string[] {
  if (node.kind === "leaf") return [path];
  if (node.kind === "not") return decidingLeafPaths(node.children[0], `${path}.not`);
  const out: string[] = [];
  node.children.forEach((child, i) => {
    if (child.result === node.result) out.push(...decidingLeafPaths(child, `${path}.${node.kind}[${i}]`));
  });
  return out;
}
