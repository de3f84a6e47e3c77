import type { EntityModel, RelationshipModel } from '../../graph/models.js';
import type { Confidence } from '../../graph/ontology.js';

/** An ordered walk: nodes[i] and nodes[i + 1] are joined by edges[i]. */
export interface PathModel {
  readonly nodes: EntityModel[];
  readonly edges: RelationshipModel[];
  readonly length: number;
}

export interface NeighborhoodModel {
  readonly center: EntityModel;
  readonly nodes: { node: EntityModel; distance: number }[];
  readonly edges: RelationshipModel[];
  readonly truncated: boolean;
}

export type RestrictionBasis = 'ASSERTED' | 'DERIVED';

/** A rule in force restricting a chip, with every destination it covers on the date. */
export interface RestrictionModel {
  readonly regulation: EntityModel;
  readonly destinations: EntityModel[];
  readonly licenseRequirement: string | null;
  readonly sources: EntityModel[];
  /** ASSERTED by its sources, or DERIVED by the rules from the chip's specs (with the derivation). */
  readonly basis: RestrictionBasis;
  readonly derivation: { readonly paragraph: string | null; readonly criterion: string; readonly evidence: string[] } | null;
}

/** A rule in force that cannot tell whether it restricts a route's chip, for want of `missing`. */
export interface UndeterminedModel {
  readonly regulationId: string;
  readonly missing: string[];
}

export const CHIP_USE_KINDS = ['TRAINED_ON', 'OPERATES_DATA_CENTER', 'RENTS_CAPACITY', 'DEVELOPS_MODEL_TRAINED_ON', 'TRAINED_AT_DATA_CENTER'] as const;
export type ChipUseKind = (typeof CHIP_USE_KINDS)[number];

export interface ChipUserModel {
  readonly entity: EntityModel;
  readonly how: ChipUseKind;
  readonly direct: boolean;
  readonly dataCenter: EntityModel | null;
  readonly path: PathModel;
  readonly confidence: Confidence;
}

export interface ChipUsageModel {
  readonly chip: EntityModel;
  readonly asOf: string;
  readonly users: ChipUserModel[];
  readonly restrictions: RestrictionModel[];
  readonly truncated: boolean;
}

export const COMPUTE_ROUTE_KINDS = ['OWN_DATA_CENTER', 'RENTED_CAPACITY', 'PARTNER_INFRASTRUCTURE', 'SUBSIDIARY_DATA_CENTER', 'TRAINING_HARDWARE'] as const;
export type ComputeRouteKind = (typeof COMPUTE_ROUTE_KINDS)[number];
/** RESTRICTED_REMOTE_ACCESS arises only under a hypothetical rule that covers remote access (simulateRule). */
export type AccessClassification = 'UNRESTRICTED' | 'RESTRICTED_OFFSHORE' | 'RESTRICTED_REMOTE_ACCESS' | 'RESTRICTED_DOMESTIC' | 'UNKNOWN';

export interface ComputeRouteModel {
  readonly company: EntityModel;
  readonly kind: ComputeRouteKind;
  readonly chip: EntityModel;
  readonly dataCenter: EntityModel | null;
  readonly dataCenterCountry: EntityModel | null;
  readonly homeCountry: EntityModel | null;
  readonly restrictions: RestrictionModel[];
  readonly restrictedForHome: boolean;
  readonly restrictedForDataCenterCountry: boolean;
  readonly classification: AccessClassification;
  /** Rules in force for the home country that cannot decide for the chip (UNKNOWN instead of UNRESTRICTED). */
  readonly undetermined: UndeterminedModel[];
  readonly path: PathModel;
  readonly sources: EntityModel[];
  readonly confidence: Confidence;
}

export interface ComputeAccessModel {
  readonly company: EntityModel;
  readonly asOf: string;
  readonly homeCountry: EntityModel | null;
  readonly routes: ComputeRouteModel[];
  readonly truncated: boolean;
}

export interface ExposedCompanyModel {
  readonly company: EntityModel;
  readonly homeCountry: EntityModel | null;
  readonly homeCovered: boolean;
  readonly offshore: boolean;
  readonly routes: ComputeRouteModel[];
}

export interface ExposureModel {
  readonly regulation: EntityModel;
  readonly asOf: string;
  readonly inForce: boolean;
  readonly destinations: EntityModel[];
  readonly chips: EntityModel[];
  readonly companies: ExposedCompanyModel[];
  readonly offshore: ExposedCompanyModel[];
  readonly truncated: boolean;
}

export const TIMELINE_EVENT_KINDS = [
  'PUBLISHED',
  'TOOK_EFFECT',
  'RESCINDED',
  'RELEASED',
  'BECAME_OPERATIONAL',
  'RELATIONSHIP_STARTED',
  'RELATIONSHIP_ENDED',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export interface TimelineEventModel {
  readonly date: string;
  readonly kind: TimelineEventKind;
  readonly description: string;
  readonly relationship: RelationshipModel | null;
  readonly other: EntityModel | null;
  readonly sources: EntityModel[];
}

export interface TimelineModel {
  readonly entity: EntityModel;
  readonly events: TimelineEventModel[];
  readonly truncated: boolean;
}

/** The caps and timeout every analysis runs under (from the configuration). */
export interface AnalysisLimits {
  readonly maxResults: number;
  readonly timeoutMs: number;
}
