/**
 * psychrx: clinical decision support for psychiatric medication management.
 *
 * Suggestions are decision support for a qualified clinician, not a substitute for
 * clinical judgment; the rule packs need local validation before clinical use.
 *
 * @packageDocumentation
 */
export { evaluate, safeEvaluate, parseSnapshot, SnapshotValidationError, type EvaluateOptions } from "./evaluate.js";
export { loadPacks, defaultPacks, PackLoadError } from "./packs/loadPacks.js";
export type { PackSet, PackInfo, SourcedPack } from "./packs/packSet.js";
export type { CompiledRule } from "./packs/compiledRule.js";
export type { Issue, Result } from "./core/issue.js";
export type { Condition, LeafCondition, Operator, Json } from "./core/condition.js";
export type { Evidence } from "./core/evidence.js";
export type { Rule, RuleCase, Kind, Severity, Scope } from "./packs/ruleSchema.js";
export type { RulePack } from "./packs/packSchema.js";
export { PatientSnapshotSchema, type PatientSnapshot, type SnapshotMedication, type SnapshotScore, type SnapshotLab } from "./snapshot/schema.js";
export type { Unrecognized, NormalizedSnapshot } from "./snapshot/normalizedSnapshot.js";
export {
  EvaluationResultSchema,
  type EvaluationResult,
  type Suggestion,
  type DataGap,
  type Because,
} from "./output/resultSchema.js";
export { FACT_CATALOG, type FactSpec, type FactType } from "./facts/catalog.js";
export { toCdsHooksResponse, type CdsHooksResponse, type CdsCard } from "./adapters/cdsHooks.js";
export { toTextReport } from "./adapters/textReport.js";
export { DISCLAIMER } from "./output/disclaimer.js";
export { VERSION } from "./version.js";
export { renderFactsMarkdown } from "./facts/renderFactsMarkdown.js";
export { IssueSchema } from "./core/issue.js";
export { EvidenceSchema } from "./core/evidence.js";
export { OPERATORS, LeafConditionSchema, ConditionSchema } from "./core/condition.js";
export { KINDS, SEVERITIES, SCOPES, RuleSchema, RuleInputSchema, RuleCaseSchema, type RuleInput } from "./packs/ruleSchema.js";
export { RulePackSchema, RulePackInputSchema, type RulePackInput } from "./packs/packSchema.js";
export {
  MedicationSchema,
  ScoreSchema,
  LabSchema,
  DiagnosisSchema,
  SideEffectSchema,
  PharmacogenomicSchema,
  AdherenceSchema,
} from "./snapshot/schema.js";
export { UnrecognizedSchema } from "./snapshot/normalizedSnapshot.js";
export type { NormalizedMedication, NormalizedScore, NormalizedLab, NormalizedSideEffect } from "./snapshot/normalizedSnapshot.js";
export { SuggestionSchema, DataGapSchema, BecauseSchema } from "./output/resultSchema.js";
export type { FactDeriver, PatientFacts } from "./facts/deriveFacts.js";
export type { Knowledge, DrugKnowledge, LabKnowledge, UnitConversion, AgeBand, ConditionGroupKnowledge, LoincTarget, DoseVocabulary } from "./knowledge/knowledge.js";
export type { Drug, Instrument, ItemEndorsement, LabEntry, ReferenceInterval, Table, ConditionGroup, MedicationSelector, MonitoringSchedule, InteractionEntry } from "./knowledge/schema.js";
export type { CompiledCondition, ResolvedFact, ExplainNode, FactRecord, Bindings, Slot, FactResolver } from "./logic/compileCondition.js";
export type { Truth } from "./logic/kleene.js";
export {
  DrugSchema,
  InstrumentSchema,
  ItemEndorsementSchema,
  LabEntrySchema,
  ReferenceIntervalSchema,
  TableSchema,
  ConditionGroupSchema,
  MedicationSelectorSchema,
  MonitoringScheduleSchema,
  InteractionEntrySchema,
} from "./knowledge/schema.js";
export { checkSnapshot, parseSnapshotShape } from "./snapshot/parseSnapshot.js";
export { jsonSchemas } from "./packs/jsonSchemas.js";
export { explainRule, renderExplanation, type RuleExplanation, type SubjectExplanation } from "./packs/explainRule.js";
export { testPacks, type TestReport, type CaseResult, type CaseOutcome, type TestOptions } from "./packs/testPacks.js";
export { synthesize, MAX_SEED } from "./batch/synth.js";
export { synthHints, type SynthHints, type LabThreshold } from "./batch/synthHints.js";
export { renderHtmlReport, type HtmlReportOptions } from "./batch/htmlReport.js";
export { renderRulesMarkdown } from "./packs/renderRulesMarkdown.js";
export { lintPacks } from "./packs/lintPacks.js";
export { LintFindingSchema, LINT_SEVERITIES, type LintFinding, type LintReport, type LintSeverity } from "./packs/lint/lintFinding.js";
export { OverlaySchema, OverlayChangeSchema, OverlaySetSchema, type Overlay, type OverlayChange, type OverlaySet } from "./packs/overlay/overlaySchema.js";
export type { SourcedOverlay } from "./packs/packSet.js";
export type { RuleReport, RuleCoverage, UndecidedLeaf, CaseDiff } from "./packs/testPacks.js";
export { SummaryBuilder, type BatchSummary, type RuleCount, type GapCount, type ShardInfo } from "./batch/summary.js";
export { evaluateMany, type EvaluateManyOptions } from "./batch/evaluateMany.js";
export type { BatchOutcome, BatchError } from "./batch/evaluateRecord.js";
export { PddiSchema, type Pddi } from "./packs/ruleSchema.js";
export { fromFhirBundle, evaluateFhirBundle, type FhirOptions, type FhirEvaluation } from "./adapters/fhir/fromFhirBundle.js";
export type { FhirImport } from "./adapters/fhir/snapshotFromFhir.js";
export { respondToCdsHooks, isCdsHooksRequest, type CdsHooksEvaluation } from "./adapters/fhir/cdsHooksRequest.js";
