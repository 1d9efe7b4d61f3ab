import { ruleFinding, type RuleCheck } from "./ruleContext.js";

/**
 * An interaction alert should carry the PDDI minimum information (consequence, seriousness,
 * mechanism, recommended action, modifying factors) so that EHRs can show it in structured form.
 */
export const checkPddi: RuleCheck = (ctx) =>
  ctx.rule.kind === "interaction-alert" && ctx.rule.pddi === undefined
    ? [ruleFinding(ctx, "warning", "missing_pddi", `${ctx.at}.pddi`, "an interaction alert should carry pddi: clinicalConsequence, seriousness, mechanism, recommendedAction, modifyingFactors")]
    : [];
