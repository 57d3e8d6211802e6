// Every key Onus writes, in one place. Single-table layout (see infra/table.json):
//
//   entity            pk                    sk              gsi1pk / gsi1sk                gsi2pk / gsi2sk
//   organization      ORG#<id>              ORG             ORGS / <name>#<id>
//
// Names are lower-cased in sort keys so that lists come back in a human order.
export const INDEX = { gsi1: 'gsi1', gsi2: 'gsi2' } as const;

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

export const organizationKey = (id: string): Key => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const ORGANIZATION_LIST = 'ORGS';
export const sortableName = (name: string, id: string) => `${name.toLowerCase()}#${id}`;
