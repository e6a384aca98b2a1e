/*
 * What an hour of outage costs over a year, and the risk register's scores.
 */
import { ownEntry } from '../../ownEntry';
import { fromCents, toCents } from '../cost';

/**
 * Hours in a year for the expected loss: 365 × 24.
 *
 * @public
 */
export const HOURS_PER_YEAR = 8760;

/**
 * The outage cost to expect in a year at an availability: (1 − availability/100) × 8,760 h × cost per
 * hour, to the cent.
 *
 * @public
 */
export function expectedAnnualLoss(
  availability: number,
  costPerHour: number,
): number {
  return fromCents(
    toCents((1 - availability / 100) * HOURS_PER_YEAR * costPerHour),
  );
}

/** @public */
export interface AnnualLossEstimate {
  amount: number;
  /** The availability the estimate assumes, percent. */
  availability: number;
  /** Measured over the past year where there is data, else the agreed target. */
  basis: 'measured' | 'target';
}

/**
 * Expected annual loss from measured availability where there is any, else from the target.
 *
 * @public
 */
export function annualLossEstimate(input: {
  costPerHour: number | null | undefined;
  measured?: number | null;
  target?: number | null;
}): AnnualLossEstimate | null {
  const { costPerHour, measured, target } = input;
  if (typeof costPerHour !== 'number') return null;
  if (typeof measured === 'number') {
    return {
      amount: expectedAnnualLoss(measured, costPerHour),
      availability: measured,
      basis: 'measured',
    };
  }
  if (typeof target === 'number') {
    return {
      amount: expectedAnnualLoss(target, costPerHour),
      availability: target,
      basis: 'target',
    };
  }
  return null;
}

/** @public */
export type RiskLevelName = 'low' | 'medium' | 'high';

/** @public */
export const RISK_LEVEL_SCORES: Readonly<Record<RiskLevelName, number>> = {
  low: 1,
  medium: 2,
  high: 3,
};

/** @public */
export interface RiskInput {
  threat: string;
  likelihood: RiskLevelName;
  impact: RiskLevelName;
  mitigation?: string;
}

/** @public */
export interface ScoredRisk extends RiskInput {
  /** likelihood × impact, 1 to 9. */
  score: number;
  /** 6 and 9 are high, 3 and 4 medium, 1 and 2 low. */
  rating: RiskLevelName;
}

/**
 * A risk's score, likelihood × impact with low = 1, medium = 2, high = 3.
 *
 * @public
 */
export function scoreRisk(risk: RiskInput): ScoredRisk {
  const score =
    (ownEntry(RISK_LEVEL_SCORES, risk.likelihood) ?? 0) *
    (ownEntry(RISK_LEVEL_SCORES, risk.impact) ?? 0);
  let rating: RiskLevelName = 'low';
  if (score >= 6) rating = 'high';
  else if (score >= 3) rating = 'medium';
  return { ...risk, score, rating };
}

/**
 * The risk register scored, highest score first.
 *
 * @public
 */
export function scoreRisks(risks: readonly RiskInput[]): ScoredRisk[] {
  return risks
    .map(scoreRisk)
    .sort((a, b) => b.score - a.score || a.threat.localeCompare(b.threat));
}
