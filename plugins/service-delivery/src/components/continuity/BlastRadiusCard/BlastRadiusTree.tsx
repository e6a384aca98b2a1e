import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  FailingEntity,
  failurePath,
} from '@service-delivery/plugin-service-delivery-common';
import { useMemo } from 'react';

const ROW = 26;
const INDENT = 26;
const PAD = 10;
const RADIUS = 6;

/** Above this many rows the drawing stops; the list below has everything. */
export const MAX_DRAWN = 150;

const useStyles = makeStyles((theme: Theme) => ({
  label: {
    fill: theme.palette.text.primary,
    fontSize: 13,
    fontFamily: theme.typography.fontFamily,
  },
  detail: {
    fill: theme.palette.text.secondary,
    fontSize: 11,
    fontFamily: theme.typography.fontFamily,
  },
  edge: { stroke: theme.palette.text.secondary, fill: 'none' },
  root: { fill: theme.palette.text.primary },
  rank0: { fill: theme.palette.error.main },
  rank1: { fill: theme.palette.warning.main },
  rankOther: { fill: theme.palette.info.main },
  noTier: { fill: theme.palette.grey[500] },
}));

export function shortName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

interface Row {
  ref: string;
  depth: number;
  parentRow: number | null;
  entity?: FailingEntity;
  /** from the entity that failed to this one, both included */
  path: string[];
}

/** Depth-first rows of the failure tree: each entity under the one whose failure brought it down. */
function treeRows(root: string, failsWith: FailingEntity[]): Row[] {
  const children = new Map<string, FailingEntity[]>();
  const causes = new Map<string, string>();
  for (const entity of failsWith) {
    const parent = entity.cause ?? root;
    causes.set(entity.entityRef, parent);
    const list = children.get(parent) ?? [];
    list.push(entity);
    children.set(parent, list);
  }
  const rows: Row[] = [];
  const visit = (
    ref: string,
    depth: number,
    parentRow: number | null,
    entity?: FailingEntity,
  ) => {
    if (rows.length >= MAX_DRAWN) return;
    const row = rows.length;
    rows.push({
      ref,
      depth,
      parentRow,
      entity,
      path: failurePath(ref, causes),
    });
    const below = [...(children.get(ref) ?? [])].sort(
      (a, b) =>
        (a.tierRank ?? Infinity) - (b.tierRank ?? Infinity) ||
        a.entityRef.localeCompare(b.entityRef),
    );
    for (const child of below) visit(child.entityRef, depth + 1, row, child);
  };
  visit(root, 0, null);
  return rows;
}

/** @public */
export interface BlastRadiusTreeProps {
  entityRef: string;
  failsWith: FailingEntity[];
}

/**
 * Draws what fails with an entity as a tree: the entity on top, each failing entity under the one
 * that brought it down, coloured by tier; dashed lines where a part takes down its whole.
 *
 * @public
 */
export function BlastRadiusTree(props: BlastRadiusTreeProps) {
  const { entityRef, failsWith } = props;
  const classes = useStyles();
  const rows = useMemo(
    () => treeRows(entityRef, failsWith),
    [entityRef, failsWith],
  );
  const x = (depth: number) => PAD + depth * INDENT + RADIUS;
  const y = (row: number) => PAD + row * ROW + ROW / 2;
  const tierClass = (entity?: FailingEntity) => {
    if (!entity) return classes.root;
    if (entity.tierRank === 0) return classes.rank0;
    if (entity.tierRank === 1) return classes.rank1;
    if (entity.tierRank === null) return classes.noTier;
    return classes.rankOther;
  };

  return (
    <svg
      width="100%"
      height={rows.length * ROW + 2 * PAD}
      role="img"
      aria-label={`What fails with ${shortName(entityRef)}`}
    >
      {rows.map((row, index) =>
        row.parentRow === null ? null : (
          <path
            key={`edge-${row.ref}`}
            className={classes.edge}
            strokeDasharray={row.entity?.via === 'partOf' ? '4 3' : undefined}
            d={`M ${x(rows[row.parentRow].depth)} ${
              y(row.parentRow) + RADIUS
            } V ${y(index)} H ${x(row.depth) - RADIUS}`}
          />
        ),
      )}
      {rows.map((row, index) => (
        <g key={row.ref} data-ref={row.ref}>
          <title>{row.path.join(' → ')}</title>
          <circle
            cx={x(row.depth)}
            cy={y(index)}
            r={RADIUS}
            className={tierClass(row.entity)}
          />
          <text
            x={x(row.depth) + RADIUS + 6}
            y={y(index) + 4}
            className={classes.label}
          >
            {row.entity?.title ?? shortName(row.ref)}
            <tspan className={classes.detail} dx={8}>
              {row.entity
                ? `${row.entity.kind}${
                    row.entity.tier ? ` · ${row.entity.tier}` : ''
                  }${
                    row.entity.via === 'redundancy'
                      ? ' · every alternative down'
                      : ''
                  }`
                : 'fails'}
            </tspan>
          </text>
        </g>
      ))}
    </svg>
  );
}
