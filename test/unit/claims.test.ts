import { callerFromClaims, clientOfClaims } from '../../src/auth/claims';

describe('claims from a token become one Caller shape', () => {
  it('reads roles delivered by API Gateway as a "[A B]" string', () => {
    const caller = callerFromClaims({ sub: 'u1', org_id: 'org-1', roles: '[PROVIDER_ADMIN AUDITOR]' });
    expect(caller).toMatchObject({ subject: 'u1', organizationId: 'org-1' });
    expect([...caller!.roles]).toEqual(['PROVIDER_ADMIN', 'AUDITOR']);
  });

  it('reads roles from a verified token as a JSON array, ignoring roles Onus does not know', () => {
    const caller = callerFromClaims({ sub: 'u2', roles: ['CUSTOMER_ADMIN', 'superuser'], name: ' Ana ' });
    expect([...caller!.roles]).toEqual(['CUSTOMER_ADMIN']);
    expect(caller!.organizationId).toBeNull();
    expect(caller!.name).toBe('Ana');
  });

  it('accepts comma-separated role strings', () => {
    expect([...callerFromClaims({ sub: 'u3', roles: 'MONITOR,AUDITOR' })!.roles]).toEqual(['MONITOR', 'AUDITOR']);
  });

  it('refuses claims without a subject', () => {
    expect(callerFromClaims({ roles: ['PLATFORM_ADMIN'] })).toBeNull();
    expect(callerFromClaims({ sub: '  ' })).toBeNull();
  });

  it("names the token's client from client_id, else azp, else none", () => {
    expect(clientOfClaims({ sub: 'u', client_id: 'vendor-portal', azp: 'other' })).toBe('vendor-portal');
    expect(clientOfClaims({ sub: 'u', azp: ' vendor-portal ' })).toBe('vendor-portal');
    expect(clientOfClaims({ sub: 'u', client_id: '', azp: 7 })).toBeNull();
    expect(clientOfClaims({ sub: 'u' })).toBeNull();
  });
});
