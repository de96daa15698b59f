// The requests of the contract test (run by run_contract_test.sh once the server and both Prism proxies are up).
//
//   STRICT_PORT, LENIENT_PORT, SERVER_PORT, STUB_DIR, SUMMARY_FILE in the environment
//
// Through the strict proxy (--errors) go valid requests: the answer must have the expected status and carry no
// sl-violations header at all. Through the lenient proxy go requests the spec itself forbids: the server must refuse
// them with the expected problem, Prism must flag the request (the spec and the server agree it is invalid), and
// nothing about the response. Prism refuses malformed JSON itself, so that request goes to the server directly and
// its answer is checked here against the spec's Problem schema. Prints one line per check and writes the counts to
// SUMMARY_FILE; exits 1 when anything failed.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const env = (name) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
};
const STRICT = `http://127.0.0.1:${env('STRICT_PORT')}`;
const LENIENT = `http://127.0.0.1:${env('LENIENT_PORT')}`;
const DIRECT = `http://127.0.0.1:${env('SERVER_PORT')}`;
const STUB = env('STUB_DIR');
const SERVER_BIN = env('SERVER_BIN');
const DATABASE = env('DATABASE');
const PASSWORD = 'kaikukortti-demo';

// The spec, for the command names and for checking answers that bypass Prism (its own pinned dependencies).
const stubRequire = createRequire(join(STUB, 'package.json'));
let yaml, Ajv, addFormats;
try {
    [yaml, Ajv, addFormats] = ['js-yaml', 'ajv', 'ajv-formats'].map((m) => stubRequire(m));
} catch (e) {
    console.error(`contract: js-yaml, ajv and ajv-formats (installed with the pinned OpenAPI tools) are missing: ${e.message}`);
    process.exit(1);
}
const spec = yaml.load(readFileSync(join(STUB, 'openapi.yaml'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema(spec, 'spec');
const validateProblem = ajv.compile({ $ref: 'spec#/components/schemas/Problem' });
const validateSiteConflictCurrent = ajv.compile({ $ref: 'spec#/components/schemas/SiteConflictCurrent' });
const validateConflict = ajv.compile({ $ref: 'spec#/components/schemas/Conflict' });
const COMMANDS = spec.components.schemas.CommandType.enum;

let requests = 0;
let violations = 0;
const failures = [];

function fail(what, r) {
    failures.push(what);
    console.error(`  FAIL  ${what}`);
    if (r) {
        if (r.violations.length) console.error(`        sl-violations: ${JSON.stringify(r.violations).slice(0, 2000)}`);
        console.error(`        ${r.status} ${r.ctype}: ${r.text.slice(0, 1500)}`);
    }
}
const pass = (what) => console.log(`  ok    ${what}`);

async function call(base, method, path, { token, body, raw, contentType } = {}) {
    requests++;
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    else if (method === 'POST') payload = '';  // Content-Length: 0
    if (payload !== undefined && payload !== '') headers['content-type'] = contentType ?? 'application/json';
    let res;
    try {
        res = await fetch(base + path, { method, headers, body: payload });
    } catch (e) {
        return { status: 0, ctype: '', text: String(e), body: undefined, violations: [], headers: new Headers() };
    }
    const text = await res.text();
    let parsed;
    try {
        parsed = text ? JSON.parse(text) : undefined;
    } catch {
        parsed = undefined;
    }
    const h = res.headers.get('sl-violations');
    let v = [];
    if (h) {
        try {
            v = JSON.parse(h);
        } catch {
            v = [{ location: ['unparsable'], message: h }];
        }
    }
    // Past a size Prism sends "Too many violations!" instead of the list; its --errors answer still lists them.
    if (v.some((x) => x.location?.[0] === 'unparsable') && Array.isArray(parsed?.validation) &&
        String(parsed.type).startsWith('https://stoplight.io/prism/errors'))
        v = parsed.validation;
    const ctype = (res.headers.get('content-type') || '').split(';')[0].trim();
    return { status: res.status, ctype, text, body: parsed, violations: v, headers: res.headers };
}

const label = (method, path, who) => `${method} ${path.length > 140 ? path.slice(0, 140) + '...' : path}${who ? ` [${who}]` : ''}`;

// A valid request through the strict proxy that must succeed with `want` and no violation.
async function ok(method, path, opts = {}, want = 200) {
    const r = await call(STRICT, method, path, opts);
    const what = label(method, path, opts.who);
    if (r.violations.length) violations += r.violations.length;
    const ctypeOk = want === 204 ? r.text === '' : r.ctype === 'application/json';
    if (r.status === want && r.violations.length === 0 && ctypeOk) {
        pass(`${what} -> ${want}`);
        return r;
    }
    const why = r.status === 422 && r.body?.type?.includes('prism')
        ? 'Prism says the request breaks the spec'
        : r.status === 500 && r.violations.length
            ? "the server's response breaks the spec"
            : `expected ${want} application/json`;
    fail(`${what}: ${r.status} '${r.ctype}', ${r.violations.length} violation(s): ${why}`, r);
    return null;
}

// A valid request through the strict proxy that the server must refuse with a documented problem.
async function problem(method, path, opts, want, type) {
    const r = await call(STRICT, method, path, opts);
    const what = label(method, path, opts.who);
    violations += r.violations.length;
    if (r.status === want && r.violations.length === 0 && r.ctype === 'application/problem+json' &&
        r.body?.type === type && r.body?.status === want) {
        pass(`${what} -> ${want} ${type}`);
        return r;
    }
    fail(`${what}: got ${r.status} '${r.ctype}' '${r.body?.type}', ${r.violations.length} violation(s); expected ${want} ${type}`, r);
    return null;
}

// A request the spec forbids, through the lenient proxy: the server refuses it with `want` and `type`, Prism flags
// the request (naming `param` when given) and nothing about the response.
async function refused(method, path, opts, want, type, param) {
    const r = await call(LENIENT, method, path, opts);
    const what = label(method, path, opts.who);
    const resp = r.violations.filter((v) => v.location?.[0] !== 'request');
    const req = r.violations.filter((v) => v.location?.[0] === 'request' && (!param || JSON.stringify(v).includes(param)));
    violations += resp.length;
    if (resp.length) return fail(`${what}: the server's ${r.status} response breaks the spec`, r), null;
    if (!validateProblem(r.body)) return fail(`${what}: the body is not a problem document of the spec's shape`, r), null;
    if (r.status !== want || r.ctype !== 'application/problem+json' || r.body.type !== type || r.body.status !== want)
        return fail(`${what}: got ${r.status} '${r.ctype}' '${r.body.type}', expected ${want} ${type}`, r), null;
    if (param !== null && req.length === 0) {
        violations++;
        return fail(`${what}: the server refuses it (${type}) but the spec allows it${param ? ` ('${param}')` : ''}`, r), null;
    }
    pass(`${what} -> ${want} ${type} (the spec refuses it too)`);
    return r;
}

const assert = (cond, what, r) => (cond ? true : (fail(what, r), false));
const today = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
const qs = (o) => Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

// ------------------------------------------------------------------ sign-in
async function login(name, extra = {}) {
    const r = await ok('POST', '/v1/login', { body: { login: name, password: PASSWORD, device_name: 'contract test', ...extra }, who: name });
    if (!r) throw new Error(`cannot sign in as ${name}`);
    return { name, token: r.body.token, me: r.body };
}

// The head of coord-tre's change feed before the conflicts; compaction at the end expires it.
let headCursor = null;

async function main() {
    await ok('GET', '/healthz');

    console.log('contract: sign-in');
    const nat = await login('kaikukeskus');
    const coord = await login('coord-tre');
    const issuer = await login('issuer-tre');
    assert(nat.me.user.role === 'national_service' && nat.me.area_id === '', 'kaikukeskus is the national service');
    assert(coord.me.user.role.startsWith('coordinator_') && coord.me.area_id !== '', 'coord-tre is a coordinator of an area');
    assert(issuer.me.user.role === 'issuer_staff' && issuer.me.sites.length > 0, 'issuer-tre is issuer staff with a site');
    const AREA = coord.me.area_id;
    const ISSUER_SITE = issuer.me.sites[0];
    for (const u of [nat, coord, issuer]) {
        const r = await ok('GET', '/v1/me', { token: u.token, who: u.name });
        if (r) assert(r.body.user.id === u.me.user.id && r.body.device_id === u.me.device_id, `/v1/me of ${u.name} is the signed-in principal`);
    }
    await problem('POST', '/v1/login', { body: { login: 'coord-tre', password: 'not the password' } }, 401, '/problems/invalid-credentials');
    await refused('POST', '/v1/login', { body: { login: 'coord-tre' } }, 422, '/problems/validation-failed', 'password');
    await refused('POST', '/v1/login', { raw: 'login=coord-tre', contentType: 'text/plain' }, 415, '/problems/unsupported-media-type');
    // The fifth failure in a row locks the login name.
    const nobody = `nobody-${randomUUID().slice(0, 8)}`;
    for (let i = 1; i <= 4; i++)
        await problem('POST', '/v1/login', { body: { login: nobody, password: 'wrong password' } }, 401, '/problems/invalid-credentials');
    const locked = await problem('POST', '/v1/login', { body: { login: nobody, password: 'wrong password' } }, 429, '/problems/too-many-attempts');
    if (locked) assert(/^[1-9][0-9]*$/.test(locked.headers.get('retry-after') || ''), '429 carries Retry-After in seconds', locked);

    console.log('contract: authentication');
    await refused('GET', '/v1/areas', { who: 'no token' }, 401, '/problems/unauthenticated', '');
    await problem('GET', '/v1/areas', { token: 'not-a-token-of-this-server', who: 'bad token' }, 401, '/problems/invalid-token');

    // ------------------------------------------------------------------ commands
    console.log('contract: commands');
    const tok = (u) => ({ token: u.token, who: u.name });
    const cmd = (type, u, body) => ok('POST', `/v1/commands/${type}`, { ...tok(u), body });
    const msgId = randomUUID();
    let r = await cmd('message.post', coord, { id: msgId, recipient_kind: 'area_all', recipient_id: AREA, subject: 'Contract test', body: 'Sent by the contract test.' });
    if (r) assert(r.body.status === 'applied' && r.body.version > 0 && r.body.result.sender_user_id === coord.me.user.id &&
        r.body.result.thread_id === msgId, 'message.post: applied, sender is the principal, thread of its own', r);

    r = await ok('GET', '/v1/quotas?limit=1', tok(coord));
    const quota = r?.body.items[0];
    if (assert(quota, 'coord-tre sees a quota of its area', r)) {
        r = await cmd('quota.adjust', coord, { id: randomUUID(), quota_id: quota.id, delta: 5, reason: 'Contract test', made_on: today });
        if (r) assert(r.body.result.quota_id === quota.id && Number.isInteger(r.body.result.effective_cards), 'quota.adjust answers effective_cards', r);
        r = await problem('POST', '/v1/commands/quota.set', { ...tok(coord), body: { ...quota, cards: quota.cards + 10, base_cards: quota.cards + 1 } },
            409, '/problems/edit-conflict');
        if (r) assert(r.body.current?.id === quota.id, '409 edit-conflict carries the current quota', r);
        r = await problem('POST', '/v1/commands/quota.adjust', { ...tok(coord), body: { id: randomUUID(), quota_id: quota.id, delta: 'many', reason: 'x', made_on: today } },
            422, '/problems/validation-failed');
        if (r) assert(r.body.errors?.some((e) => e.field === 'delta'), '422 names the field delta', r);
    }

    r = await ok('GET', `/v1/sites?${qs({ area_id: AREA, role: 'venue', limit: 1 })}`, tok(coord));
    const venue = r?.body.items[0];
    let visitId;
    if (assert(venue, 'coord-tre sees a venue of its area', r)) {
        visitId = randomUUID();
        r = await cmd('group_visit.create', coord, { id: visitId, organiser_site_id: ISSUER_SITE, venue_site_id: venue.id, event: 'Contract test concert', visit_on: inDays(30), seats: 20 });
        r = await cmd('group_visit.signup', issuer, { id: randomUUID(), visit_id: visitId, issuer_site_id: ISSUER_SITE, participants: 3 });
        if (r) assert(r.body.result.seats_taken === 3, 'group_visit.signup answers seats_taken', r);
    }
    r = await cmd('message.read', issuer, { message_id: msgId });
    if (r) assert(r.body.version === 0 && r.body.result.read === true, 'message.read: applied, no synced change', r);
    await problem('POST', '/v1/commands/area.upsert', { ...tok(issuer), body: { id: AREA, prefix: 'TRE', name_fi: 'Tampere', status: 'permanent' } },
        403, '/problems/forbidden');
    await refused('POST', '/v1/commands/card.destroy', { ...tok(coord), body: {} }, 422, '/problems/unknown-mutation', 'type');
    await refused('POST', '/v1/commands/message.post', { ...tok(coord), raw: 'subject=hello', contentType: 'text/plain' }, 415, '/problems/unsupported-media-type');
    // Prism answers malformed JSON itself; the server's answer is checked directly.
    r = await call(DIRECT, 'POST', '/v1/commands/message.post', { token: coord.token, raw: '{"id": ' });
    if (r.status === 400 && r.ctype === 'application/problem+json' && validateProblem(r.body) && r.body.type === '/problems/malformed-json')
        pass('POST /v1/commands/message.post [malformed JSON, direct] -> 400 /problems/malformed-json');
    else fail('POST /v1/commands/message.post with malformed JSON: expected a 400 /problems/malformed-json of the spec\'s shape', r);
    // Every command of the spec is a command of the server: an empty body is refused for its fields or scope.
    let known = 0;
    for (const type of COMMANDS) {
        const a = await call(STRICT, 'POST', `/v1/commands/${type}`, { token: coord.token, body: {} });
        violations += a.violations.length;
        if (a.violations.length || !['/problems/validation-failed', '/problems/forbidden'].includes(a.body?.type))
            fail(`POST /v1/commands/${type} {} [coord-tre]: expected 422 validation-failed or 403 forbidden, no violation`, a);
        else known++;
    }
    console.log(`        ${known} of ${COMMANDS.length} command types of the spec are known to the server`);

    // ------------------------------------------------------------------ sync
    console.log('contract: sync');
    r = await ok('POST', '/v1/clients', tok(coord), 201);
    const client = r?.body;
    r = await ok('GET', '/v1/changes?limit=400', tok(coord));
    if (r) {
        const c = r.body;
        assert(c.changes.length === 400 && c.has_more, 'the first change page of coord-tre is full', r);
        const r2 = await ok('GET', `/v1/changes?${qs({ limit: 400, cursor: c.next_cursor })}`, tok(coord));
        if (r2) assert(r2.body.epoch === c.epoch && r2.body.changes.length > 0, 'the next_cursor page continues the feed', r2);
    }
    r = await ok('GET', '/v1/changes?limit=5000', tok(issuer));
    if (r) assert(r.body.changes.every((e) => e.op === 'bucket_removed' || e.bucket === 'global' || e.bucket === `site:${ISSUER_SITE}`),
        'issuer-tre receives only the global bucket and its own site', r);
    await problem('GET', '/v1/changes?cursor=bm90LWEtY3Vyc29y.c2ln', tok(coord), 400, '/problems/invalid-cursor');
    await refused('GET', '/v1/changes?limit=5001', tok(coord), 400, '/problems/invalid-query', 'limit');
    if (client) {
        const post = (mutations, who = coord, extra = {}) => ({ ...tok(who), body: { client_id: client.client_id, epoch: client.epoch, mutations, ...extra } });
        const m1 = { mutation_id: randomUUID(), client_seq: 1, type: 'message.post', recorded_at: new Date().toISOString(),
            data: { id: randomUUID(), recipient_kind: 'area_all', recipient_id: AREA, subject: 'Contract test batch', body: 'Sent in a batch.' } };
        r = await ok('POST', '/v1/batch', post([m1]));
        const first = r?.body.results[0];
        if (r) assert(first.status === 'applied' && first.mutation_id === m1.mutation_id && r.body.last_client_seq === 1, 'batch: the mutation is applied', r);
        r = await ok('POST', '/v1/batch', post([m1]));
        if (r) assert(r.body.results[0].status === 'duplicate' && r.body.results[0].version === first?.version, 'batch sent again: duplicate with the same version', r);
        const bad = { mutation_id: randomUUID(), client_seq: 2, type: 'quota.adjust', data: { id: randomUUID(), quota_id: quota?.id ?? '', delta: 0, reason: 'x', made_on: today } };
        r = await ok('POST', '/v1/batch', post([bad]));
        if (r) assert(r.body.results[0].status === 'rejected' && r.body.results[0].problem?.status === 422, 'batch: an invalid mutation is rejected with its problem', r);
        r = await problem('POST', '/v1/batch', post([{ ...m1, mutation_id: randomUUID(), client_seq: 4 }]), 409, '/problems/sequence-gap');
        if (r) assert(r.body.expected_seq === 3, 'sequence-gap names expected_seq 3', r);
        await problem('POST', '/v1/batch', post([{ ...m1, mutation_id: randomUUID(), client_seq: 2 }]), 409, '/problems/client-state-regressed');
        await problem('POST', '/v1/batch', post([m1], coord, { client_id: randomUUID() }), 409, '/problems/client-not-registered');
        await problem('POST', '/v1/batch', post([m1], coord, { epoch: randomUUID() }), 410, '/problems/epoch-changed');
        await refused('POST', '/v1/batch', post([{ ...m1, mutation_id: randomUUID(), client_seq: 0 }]), 422, '/problems/validation-failed', 'client_seq');
    }

    // ------------------------------------------------------------------ conflicts
    // coord-tre patches the name of a venue site of Tampere from a version that another patch has since passed:
    // the edit is kept as a conflict (409), reaches the change feed as a sync_conflict row, and is decided.
    console.log('contract: conflicts');
    if (venue) {
        // Read coord-tre's feed to its head: the cursor after it, and the site's version as a client holds it.
        let head = null, siteVersion = null;
        for (let cursor, page = 0; page < 50 && !head; page++) {
            const p = await ok('GET', `/v1/changes?${qs({ limit: 5000, cursor })}`, tok(coord));
            if (!p) break;
            for (const e of p.body.changes) if (e.entity === 'site' && e.id === venue.id && e.op === 'upsert') siteVersion = e.version;
            cursor = p.body.next_cursor;
            if (!p.body.has_more) head = cursor;
        }
        headCursor = head;
        assert(head && Number.isInteger(siteVersion), "coord-tre's change feed ends and holds the venue site with its version");
        const nameA = `${venue.name} (contract A)`, nameB = `${venue.name} (contract B)`;
        const patch = (set, base) => cmd('site.patch', coord, { id: venue.id, base_version: base, set });
        r = await patch({ name: nameA }, siteVersion ?? 0);
        const v1 = r?.body.version;
        if (r) assert(r.body.result.id === venue.id && r.body.result.name === nameA && typeof r.body.result.contact === 'object' && v1 > 0,
            'site.patch: applied, the site answered with its contact object', r);
        r = await problem('POST', '/v1/commands/site.patch', { ...tok(coord), body: { id: venue.id, base_version: siteVersion ?? 0, set: { name: nameB } } },
            409, '/problems/edit-conflict');
        const conflictId = r?.body.current?.conflict_id;
        if (r) assert(validateSiteConflictCurrent(r.body.current) && r.body.current.id === venue.id && r.body.current.name === nameA &&
            !('contact' in r.body.current), '409 edit-conflict carries the site in flat form and the conflict_id', r);
        if (head && conflictId) {
            r = await ok('GET', `/v1/changes?${qs({ limit: 5000, cursor: head })}`, tok(coord));
            const entry = r?.body.changes.find((e) => e.entity === 'sync_conflict' && e.id === conflictId);
            const site = r?.body.changes.find((e) => e.entity === 'site' && e.id === venue.id);
            if (r) assert(entry?.op === 'upsert' && entry.bucket === `area:${AREA}` && validateConflict(entry.data) &&
                entry.data.status === 'open' && entry.data.fields === 'name' && entry.data.entity_id === venue.id &&
                entry.data.server.name === nameA && entry.data.client.set.name === nameB && entry.data.resolution === '',
                'the change feed holds the open conflict (sync_conflict) in the area bucket', r);
            if (r) assert(site?.version === v1 && site.data.name === nameA, 'the change feed holds the patched site at its new version', r);
        }
        if (conflictId) {
            r = await cmd('conflict.resolve', coord, { conflict_id: conflictId, decision: 'keep_theirs' });
            const decided = r?.body.result;
            if (r) assert(r.body.version > 0 && decided.id === conflictId && decided.status === 'resolved' && decided.resolution === 'keep_theirs' &&
                decided.resolved_by === coord.me.user.id && decided.resolved_at !== '', 'conflict.resolve keep_theirs: the conflict is resolved', r);
            r = await cmd('conflict.resolve', coord, { conflict_id: conflictId, decision: 'keep_theirs' });
            if (r) assert(r.body.version === 0 && JSON.stringify(r.body.result) === JSON.stringify(decided),
                'conflict.resolve again: the same conflict, nothing changed', r);
            r = await ok('GET', `/v1/sites?${qs({ area_id: AREA, role: 'venue', limit: 1 })}`, tok(coord));
            if (r) assert(r.body.items[0]?.id === venue.id && r.body.items[0].name === nameA, 'keep_theirs: the name the register held stands', r);
        }
        r = await patch({ contact_phone: '+358 40 000 1234' }, v1 ?? 0);
        if (r) assert(r.body.result.contact.phone === '+358 40 000 1234' && r.body.result.name === nameA && r.body.version > v1,
            'site.patch of contact_phone: applied', r);
        // The same conflict pushed from an offline client: a batch result `conflict` with the flat site and conflict_id.
        if (client) {
            const m = { mutation_id: randomUUID(), client_seq: 3, type: 'site.patch', data: { id: venue.id, base_version: siteVersion ?? 0, set: { name: nameB } } };
            r = await ok('POST', '/v1/batch', { ...tok(coord), body: { client_id: client.client_id, epoch: client.epoch, mutations: [m] } });
            const res = r?.body.results[0];
            if (r) assert(res.status === 'conflict' && res.problem.status === 409 && res.problem.type === '/problems/edit-conflict' &&
                validateSiteConflictCurrent(res.problem.current) && r.body.last_client_seq === 3, 'batch: site.patch kept as a conflict', r);
        }
    }

    // ------------------------------------------------------------------ lists
    const LISTS = [
        ['/v1/areas', 'id'], ['/v1/organisations', 'id'], ['/v1/sites', 'id'], ['/v1/venue-profiles', 'site_id'],
        ['/v1/card-batches', 'id'], ['/v1/allocations', 'id'], ['/v1/cards', 'id'], ['/v1/uses', 'id'],
        ['/v1/rules', 'id'], ['/v1/quotas', 'id'], ['/v1/quota-adjustments', 'id'], ['/v1/messages', 'id'],
        ['/v1/group-visits', 'id'], ['/v1/group-signups', 'id'], ['/v1/users', 'id'], ['/v1/audit', 'seq'],
    ];
    const FIRST_PAGE = 50;
    const firstPages = {};
    // The first page with `limit`, then the page after it when the first is full; checks order and `next`.
    async function pages(u, path, key, query = {}) {
        const limit = path === '/v1/audit' ? 3 : FIRST_PAGE;
        const r1 = await ok('GET', `${path}?${qs({ ...query, limit })}`, tok(u));
        if (!r1) return null;
        const items = r1.body.items;
        const keys = items.map((i) => i[key]);
        const cmp = key === 'seq' ? (a, b) => a < b : (a, b) => String(a) < String(b);
        if (!keys.every((k, i) => i === 0 || cmp(keys[i - 1], k))) fail(`GET ${path} [${u.name}]: items are not ordered by ${key}`);
        if (items.length < limit) {
            assert(r1.body.next === null, `GET ${path} [${u.name}]: 'next' must be null on a page that is not full`, r1);
            return items;
        }
        if (!assert(r1.body.next === String(keys[keys.length - 1]), `GET ${path} [${u.name}]: 'next' is the key of the last item`, r1)) return items;
        const r2 = await ok('GET', `${path}?${qs({ ...query, after: r1.body.next })}`, tok(u));
        if (r2) {
            const k2 = r2.body.items.map((i) => i[key]);
            assert(k2.length > 0 && k2.every((k) => cmp(keys[keys.length - 1], k)), `GET ${path} after=${r1.body.next} [${u.name}]: continues after the first page`, r2);
            items.push(...r2.body.items);
        }
        return items;
    }
    for (const u of [nat, coord, issuer]) {
        console.log(`contract: lists as ${u.name}`);
        firstPages[u.name] = {};
        for (const [path, key] of LISTS) {
            if (path === '/v1/audit' && u === issuer) {
                await problem('GET', '/v1/audit', tok(u), 403, '/problems/forbidden');
                continue;
            }
            firstPages[u.name][path] = (await pages(u, path, key)) ?? [];
        }
    }
    const seen = (u, path) => firstPages[u.name][path] ?? [];
    assert(seen(nat, '/v1/cards').length > 0 && seen(nat, '/v1/cards').every((c) => c.holder === null), 'cards of the national service carry holder: null');
    assert(seen(coord, '/v1/cards').length > 0 && seen(coord, '/v1/cards').every((c) => c.holder !== null), "cards of coord-tre carry the holder profile");
    assert(seen(coord, '/v1/cards').every((c) => c.area_id === AREA), 'coord-tre sees only cards of its area');
    assert(seen(issuer, '/v1/cards').every((c) => c.issuer_site_id === ISSUER_SITE), 'issuer-tre sees only cards of its site');
    assert(seen(coord, '/v1/messages').some((m) => m.id === msgId) && seen(issuer, '/v1/messages').some((m) => m.id === msgId),
        'the area_all message reaches coord-tre and issuer-tre');
    assert(seen(coord, '/v1/audit').length > 0 && seen(coord, '/v1/audit').every((a) => a.area_id === AREA), "coord-tre's audit log holds its area's records");

    // Filters (as the national service), each with a value taken from a first page: every item matches it.
    console.log('contract: filters');
    const one = (path) => seen(nat, path)[0] ?? {};
    const FILTERS = [
        ['/v1/organisations', { area_id: AREA }],
        ['/v1/sites', { area_id: AREA, role: 'issuer' }],
        ['/v1/card-batches', { area_id: AREA }],
        ['/v1/allocations', { batch_id: one('/v1/allocations').batch_id }],
        ['/v1/allocations', { site_id: one('/v1/allocations').site_id }],
        ['/v1/cards', { area_id: AREA, status: 'activated' }],
        ['/v1/cards', { issuer_site_id: ISSUER_SITE }],
        ['/v1/uses', { card_id: one('/v1/uses').card_id }],
        ['/v1/uses', { venue_site_id: one('/v1/uses').venue_site_id }],
        ['/v1/rules', { scope: one('/v1/rules').scope, scope_id: one('/v1/rules').scope_id }],
        ['/v1/quotas', { site_id: quota?.site_id }],
        ['/v1/quota-adjustments', { quota_id: quota?.id }],
        ['/v1/messages', { thread_id: msgId }],
        ['/v1/group-visits', { venue_site_id: venue?.id }],
        ['/v1/group-signups', { visit_id: visitId }],
        ['/v1/users', { role: 'issuer_staff' }],
    ];
    for (const [path, filter] of FILTERS) {
        const r1 = await ok('GET', `${path}?${qs({ ...filter, limit: 1000 })}`, tok(nat));
        if (!r1) continue;
        const items = r1.body.items;
        const bad = items.filter((i) => !Object.entries(filter).every(([k, v]) => i[k] === v));
        assert(items.length > 0 && bad.length === 0, `GET ${path}?${qs(filter)}: a non-empty page of matching items (${items.length}, ${bad.length} not matching)`, r1);
    }
    for (const path of ['/v1/sites?area_id=no-such-area', '/v1/organisations?area_id=no-such-area', '/v1/areas?after=zzzzzzzz', '/v1/users?role=nobody']) {
        const r1 = await ok('GET', path, tok(nat));
        if (r1) assert(r1.body.items.length === 0 && r1.body.next === null, `GET ${path}: an empty last page`, r1);
    }

    // ------------------------------------------------------------------ query errors
    console.log('contract: invalid queries');
    await refused('GET', '/v1/areas?limit=0', tok(nat), 400, '/problems/invalid-query', 'limit');
    await refused('GET', '/v1/sites?limit=abc', tok(nat), 400, '/problems/invalid-query', 'limit');
    await refused('GET', '/v1/cards?limit=1001', tok(nat), 400, '/problems/invalid-query', 'limit');
    await refused('GET', `/v1/venue-profiles?after=${'k'.repeat(101)}`, tok(nat), 400, '/problems/invalid-query', 'after');
    await refused('GET', '/v1/audit?after=abc', tok(nat), 400, '/problems/invalid-query', 'after');
    await refused('GET', '/v1/no-such-resource', tok(nat), 404, '/problems/not-found', null);
    await refused('GET', '/v1/statistics/profile?by=shoe-size', tok(nat), 400, '/problems/invalid-query', 'by');

    console.log('contract: statistics');
    for (const [u, by] of [[nat, 'age-group'], [nat, 'children'], [coord, 'gender']]) {
        const r = await ok('GET', `/v1/statistics/profile?by=${by}&from=2023-01-01&to=2023-12-31`, tok(u));
        if (r) assert(r.body.rows.every((row) => row.cells.every((c) => c.suppressed ? c.value === null : c.value !== null)),
                      `profile statistics (${by}) for ${u.name} carry no suppressed value`);
    }
    await problem('GET', '/v1/statistics/profile?by=gender', tok(issuer), 403, '/problems/forbidden');
    r = await call(STRICT, 'GET', '/v1/areas?limit=abc', { token: nat.token });
    if (r.status === 422) pass('GET /v1/areas?limit=abc -> 422 from the strict proxy (the request breaks the spec)');
    else fail(`GET /v1/areas?limit=abc through the strict proxy: expected Prism's 422, got ${r.status}`, r);

    // ------------------------------------------------------------------ devices and sign-out
    console.log('contract: devices and sign-out');
    const venueUser = await login('venue-tre');
    r = await cmd('device.revoke', venueUser, { device_id: venueUser.me.device_id });
    if (r) assert(r.body.result.device_id === venueUser.me.device_id, 'device.revoke answers the device', r);
    // A revoked device is said so, although its tokens were revoked too: the client must remove its data.
    await problem('GET', '/v1/me', tok(venueUser), 403, '/problems/device-revoked');
    await problem('POST', '/v1/login', { body: { login: 'venue-tre', password: PASSWORD, device_id: venueUser.me.device_id } }, 403, '/problems/account-disabled');
    await ok('POST', '/v1/logout', tok(issuer), 204);
    await problem('GET', '/v1/me', tok(issuer), 401, '/problems/invalid-token');

    // ------------------------------------------------------------------ compaction (last: it empties the change log)
    console.log('contract: compaction');
    if (headCursor) {
        try {
            execFileSync(SERVER_BIN, ['compact', '--database', DATABASE, '--keep-days', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
            await problem('GET', `/v1/changes?${qs({ cursor: headCursor })}`, tok(coord), 410, '/problems/cursor-expired');
        } catch (e) {
            fail(`kaiku-server compact failed: ${e.stderr || e.message}`);
        }
    }
}

try {
    await main();
} catch (e) {
    fail(`the test stopped: ${e.stack || e}`);
}
writeFileSync(env('SUMMARY_FILE'), JSON.stringify({ requests, violations, failures: failures.length }));
process.exit(failures.length ? 1 : 0);
