export const id = 345;
export const ids = [345];
export const modules = {

/***/ 4989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IF: () => (/* binding */ verifyBundle),
/* harmony export */   ML: () => (/* binding */ verifySigned),
/* harmony export */   Vk: () => (/* binding */ bundleIssuerOrganization),
/* harmony export */   fP: () => (/* binding */ issuerOrganization),
/* harmony export */   t1: () => (/* binding */ parseTrustedRoot),
/* harmony export */   uE: () => (/* binding */ parseTrustedRoots),
/* harmony export */   y$: () => (/* binding */ keyTrust)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1040);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3917);
/* harmony import */ var _sigstore_core__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(_sigstore_core__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4187);





const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json';
const SOURCE_REPOSITORY_OID = '1.3.6.1.4.1.57264.1.12';
/** A trusted_root.json's text as a trust root; throws saying why it is not one. */
function parseTrustedRoot(text, label) {
    let root;
    try {
        root = _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.fromJSON(JSON.parse(text));
    }
    catch (e) {
        throw new Error(`${label} is not a Sigstore trusted_root.json (${e.message})`);
    }
    if (!root.certificateAuthorities.length && !root.tlogs.length)
        throw new Error(`${label} names no certificate authority and no transparency log`);
    return { label, material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__.toTrustMaterial)(root), ctlogs: root.ctlogs.length };
}
/**
 * A trusted_root.json's text, or JSON Lines of them (what `gh attestation trusted-root` prints:
 * the public-good root and GitHub's), as the roots to try; throws saying which line is not one.
 */
function parseTrustedRoots(text, label) {
    const lines = text.split('\n').filter(line => line.trim());
    if (lines.length < 2 || !lines.every(isJson))
        return [parseTrustedRoot(text, label)];
    return lines.map((line, i) => parseTrustedRoot(line, `${label} (line ${i + 1})`));
}
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * The organization that issued a signing certificate (DER or PEM), read by Node's X.509: it
 * says whose Fulcio signed (`sigstore.dev`, `GitHub, Inc.`), so which root to fetch.
 */
function issuerOrganization(certificate) {
    try {
        const issuer = new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(certificate).issuer;
        const org = issuer.split('\n').find(part => part.startsWith('O='));
        // Node prints the name as RFC 4514 does, escaping `,` `+` `"` `\\` `<` `>` `;` (and
        // control bytes as hex): `O=GitHub\, Inc.`.
        return org
            ?.slice(2)
            .replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c) => c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c);
    }
    catch {
        return undefined;
    }
}
/** The issuer organization of a bundle's signing certificate; none for a key or a non-bundle. */
function bundleIssuerOrganization(json) {
    let content;
    try {
        content = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__/* .bundleFromJSON */ .vw)(json).verificationMaterial.content;
    }
    catch {
        return undefined;
    }
    if (content.$case === 'certificate')
        return issuerOrganization(content.certificate.rawBytes);
    if (content.$case === 'x509CertificateChain') {
        const leaf = content.x509CertificateChain.certificates[0];
        return leaf ? issuerOrganization(leaf.rawBytes) : undefined;
    }
    return undefined;
}
/** A PEM public key file's text as the only key a key-pair signature may verify with. */
function keyTrust(pem, label) {
    let publicKey;
    try {
        publicKey = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(pem);
    }
    catch (e) {
        throw new Error(`${label} is not a PEM public key (${e.message})`);
    }
    const empty = _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_3__.TrustedRoot.fromJSON({
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1'
    });
    return {
        label,
        material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__.toTrustMaterial)(empty, () => ({ publicKey, validFor: () => true })),
        ctlogs: 0
    };
}
/** Reads a bundle's JSON; throws saying why it is not a bundle this can verify. */
function readBundle(json) {
    let bundle;
    try {
        bundle = (0,_sigstore_bundle__WEBPACK_IMPORTED_MODULE_1__/* .bundleFromJSON */ .vw)(json);
    }
    catch (e) {
        throw new Error(`not a Sigstore bundle v0.1 to v0.3 (${e.message})`);
    }
    if (bundle.content.$case !== 'dsseEnvelope')
        throw new Error('a message-signature bundle, which signs a file, not a statement about a manifest digest');
    return bundle;
}
/** The DSSE payload as an in-toto statement: its predicate type and its subjects' digests. */
function readStatement(payloadType, payload) {
    if (payloadType !== IN_TOTO_PAYLOAD)
        throw new Error(`its payload is ${payloadType || 'untyped'}, not an in-toto statement`);
    let raw;
    try {
        raw = JSON.parse(payload.toString('utf8'));
    }
    catch {
        throw new Error('its payload is not JSON');
    }
    if (typeof raw.predicateType !== 'string' || !Array.isArray(raw.subject))
        throw new Error('its payload is not an in-toto statement (no predicateType or subject)');
    const subjects = raw.subject
        .map(s => s?.digest?.sha256)
        .filter((d) => typeof d === 'string')
        .map(hex => `sha256:${hex.toLowerCase()}`);
    return { predicateType: raw.predicateType, subjects, predicate: raw.predicate };
}
/** The builder id a SLSA predicate names: v1 `runDetails.builder.id`, v0.2 `builder.id`. */
function builderOf(predicate) {
    const p = predicate;
    const id = p?.runDetails?.builder?.id ?? p?.builder?.id;
    return typeof id === 'string' ? id : undefined;
}
/** A Fulcio extension's text: DER UTF8String (v2 extensions), read with @sigstore/core's ASN.1. */
function extensionText(oids, oid) {
    const found = oids.find(o => o.oid?.id.join('.') === oid);
    if (!found)
        return undefined;
    try {
        return _sigstore_core__WEBPACK_IMPORTED_MODULE_2__.ASN1Obj.parseBuffer(found.value).value.toString('utf8');
    }
    catch {
        return found.value.toString('utf8');
    }
}
/** When the bundle proves the signature was made: a TSA's time, else the log's. */
function provedAt(bundle) {
    const entry = bundle.verificationMaterial.tlogEntries[0];
    const tsa = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps[0];
    const out = {};
    if (entry)
        out.logIndex = entry.logIndex;
    if (tsa)
        out.timestamp = _sigstore_core__WEBPACK_IMPORTED_MODULE_2__.RFC3161Timestamp.parse(tsa.signedTimestamp).signingTime.toISOString();
    else if (entry && entry.integratedTime !== '0')
        out.timestamp = new Date(Number(entry.integratedTime) * 1000).toISOString();
    return out;
}
/**
 * Verifies a parsed bundle (over `artifact`, for a message signature) with @sigstore/verify:
 * the signer's identity, and when the signature was proved. Throws saying why not.
 */
function verifySigned(bundle, trust, artifact) {
    const keyPair = bundle.verificationMaterial.content.$case === 'publicKey';
    // A key's trust is the key alone: it holds no log and no TSA, so a Rekor entry or timestamp
    // (cosign `sign --key` logs in public Rekor by default) cannot be checked against it, and a
    // key pair needs neither. Left out, not failed, as `cosign verify --key` with
    // --insecure-ignore-tlog; and not reported, as nothing vouched for them.
    if (keyPair && !trust.material.tlogs.length && !trust.material.timestampAuthorities.length)
        bundle = {
            ...bundle,
            verificationMaterial: {
                ...bundle.verificationMaterial,
                tlogEntries: [],
                timestampVerificationData: undefined
            }
        };
    const verifier = new _sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .Verifier */ .BL(trust.material, {
        tlogThreshold: 0,
        ctlogThreshold: keyPair ? 0 : Math.min(1, trust.ctlogs),
        // A certificate is short-lived: a log entry or a timestamp must say it was valid then.
        timestampThreshold: keyPair ? 0 : 1
    });
    let signer;
    try {
        signer = verifier.verify((0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_4__/* .toSignedEntity */ .DC)(bundle, artifact));
    }
    catch (e) {
        // @sigstore/verify wraps the reason a chain fails (expired, wrong issuer, …) as `cause`.
        const cause = e.cause;
        const why = cause instanceof Error ? ` (${cause.message})` : '';
        throw new Error(`does not verify against ${trust.label}: ${e.message}${why}`);
    }
    const out = {
        root: trust.label,
        ...provedAt(bundle)
    };
    const identity = signer.identity;
    if (identity?.subjectAlternativeName)
        out.identity = identity.subjectAlternativeName;
    if (identity?.extensions?.issuer)
        out.issuer = identity.extensions.issuer;
    const repo = extensionText(identity?.oids ?? [], SOURCE_REPOSITORY_OID);
    if (repo)
        out.sourceRepository = repo;
    return out;
}
/**
 * Verifies a bundle's JSON against `trust` and the digests it must be about (the platform's
 * manifest, or the index's for an index-level attestation). Throws an Error whose message says
 * why it does not verify, for a violation's `found`.
 */
function verifyBundle(json, digests, trust) {
    const bundle = readBundle(json);
    const signed = verifySigned(bundle, trust);
    const { payloadType, payload } = bundle.content.dsseEnvelope;
    const statement = readStatement(payloadType, payload);
    if (!statement.subjects.some(s => digests.includes(s)))
        throw new Error(`its statement is about ${statement.subjects.join(', ') || 'no sha256 digest'}, not ${digests.join(' or ')}`);
    const out = { ...signed, predicateType: statement.predicateType };
    const builder = builderOf(statement.predicate);
    if (builder)
        out.builder = builder;
    return out;
}


/***/ }),

/***/ 2345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GITHUB: () => (/* binding */ GITHUB),
  PUBLIC_GOOD: () => (/* binding */ PUBLIC_GOOD),
  builtInRoots: () => (/* binding */ builtInRoots),
  loadSignatureTrust: () => (/* binding */ loadSignatureTrust),
  tufRoot: () => (/* binding */ tufRoot)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/attestations/github-trust.ts
/**
 * GitHub's own Sigstore instance (issue 21): artifact attestations from private and internal
 * repositories are signed by fulcio.githubapp.com and timestamped by timestamp.githubapp.com,
 * and GitHub publishes the trusted_root.json for them through its own TUF repository. A TUF
 * client needs one trusted root.json to start from; @sigstore/tuf seeds only Sigstore's
 * public-good repository, so this is GitHub's, as the GitHub CLI embeds it (cli/cli
 * pkg/cmd/attestation/verification/embed/tuf-repo.github.com/root.json, version 3, sha256
 * 98cba97be9075bc98b2322de3de85fbd1b70ec7392991dfd2f53d215bede1a8d). Its expiry does not
 * matter: a refresh walks GitHub's signed chain of newer roots from it, each verified by the
 * one before, and only the newest must be unexpired.
 */
const GITHUB_TUF_MIRROR = 'https://tuf-repo.github.com';
/** The issuer organization of the certificates GitHub's Fulcio issues. */
const GITHUB_ISSUER_ORG = 'GitHub, Inc.';
/** root.json version 3 of GitHub's TUF repository, byte for byte (raw, so its PEMs keep their `\n` escapes). */
const GITHUB_TUF_ROOT = String.raw `{
 "signatures": [
  {
   "keyid": "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
   "sig": ""
  },
  {
   "keyid": "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
   "sig": ""
  },
  {
   "keyid": "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
   "sig": ""
  },
  {
   "keyid": "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
   "sig": "3046022100ca341d3ba2ef7657d69c2825729959681f55aec497b612e81a547e2abb616b49022100cd605b412a3d991f92e0818e07e60383bbd23904723eec221d6e39fdfeae3104"
  },
  {
   "keyid": "5e01c9a0b2641a8965a4a74e7df0bc7b2d8278a2c3ca0cf7a3f2f783d3c69800",
   "sig": "3046022100d0f70effe60d6a18319e2890088cd01d45c654ee6d2ce1d5c3cdcf2dc7f637570221008f947a2d7334d948f1c4794b0a465f1dfb99a578dd8d1f4563cee0581f457db2"
  },
  {
   "keyid": "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44",
   "sig": "304502201ae931db1c48020fb37af54d446ac856306f619dfc3f93ddcff70d2880e443dc022100992b70451aa74805adef24e85ec352e598812267f623979bd4ce719b66b62d22"
  },
  {
   "keyid": "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
   "sig": "3045022023bba8e14c177609f43873aa0087ef983ddd2bad9a0a832c0cf279e1be8798f2022100facfaecc1d7ee793042eaaa6970fb9ca700c3bdbf4ee43ed0f8d0fc3aef96563"
  },
  {
   "keyid": "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
   "sig": "3046022100d2f6cceb05d135ce6a6ce7fe1dc76c24508154ad71c433028e64ca95ba716ffb022100f0592d60eb67508dd5f9cc593a4cca33bbaf94882c3d74a560fda845a456c6cc"
  },
  {
   "keyid": "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
   "sig": "30450221009af2f0c534ed92de909a3b727f7101319c18e10623de8f48a0eba980d3d54d830220095842b16c58567c71f9dfa0b54e79daca1b2fecf3cb2ea4ee6d8393bdf93294"
  }
 ],
 "signed": {
  "_type": "root",
  "consistent_snapshot": true,
  "expires": "2025-04-11T14:36:57Z",
  "keys": {
   "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENki7aZVips5SgRzCd/Om0CGzQKY/\nnv84giqVDmdwb2ys82Z6soFLasvYYEEQcwqaC170n9gr93wHUgPc796uJA==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@ashtom"
   },
   "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAElD0o2sOZN9n3RKQ7PtMLAoXj+2Ai\nn4PKT/pfnzDlNLrD3VTQwCc4sR4t+OLu4KQ+qk+kXkR9YuBsu3bdJZ1OWw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@nerdneha"
   },
   "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEimKcdST+ORD+g0aGEFDOVZDAaIYg\nIgesNKiIe2L7MUsYx5UHhzQ08quvew13eYSCNJnfwooFZu7cdTu8AwqFjQ==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@alexiswales"
   },
   "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBagkskNOpOTbetTX5CdnvMy+LiWn\nonRrNrqAHL4WgiebH7Uig7GLhC3bkeA/qgb926/vr9qhOPG9Buj2HatrPw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@gregose"
   },
   "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7IEoVNwrprchXGhT5sAhSax7SOd3\n8duuISghCzfmHdKJWSbV2wJRamRiUVRtmA83K/qm5cT20WXMCT5QeM/D3A==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@trevrosen"
   },
   "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEC2wJ3xscyXxBLybJ9FVjwkyQMe53\nRHUz77AjMO8MzVaT8xw6ZvJqdNZiytYtigWULlINxw6frNsWJKb/f7lC8A==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@kommendorkapten"
   },
   "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEDdORwcruW3gqAgaLjH/nNdGMB4kQ\nAvA+wD6DyO4P/wR8ee2ce83NZHq1ZADKhve0rlYKaKy3CqyQ5SmlZ36Zhw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@krukow"
   },
   "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENynVdQnM9h7xU71G7PiJpQaDemub\nkbjsjYwLlPJTQVuxQO8WeIpJf8MEh5rf01t2dDIuCsZ5gRx+QvDv0UzfsA==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-keyowner": "@mph4"
   },
   "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f": {
    "keytype": "ecdsa",
    "keyval": {
     "public": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENKNcNcX+d73lS1TRFb9Vnp8JvOoh\nzYQ+in43iGenbG8RGo9L/6FJ2hoRbVU6xskvyuErcdPbCdI4GxrQ5i8hkw==\n-----END PUBLIC KEY-----\n"
    },
    "scheme": "ecdsa-sha2-nistp256",
    "x-tuf-on-ci-online-uri": "azurekms://production-tuf-root.vault.azure.net/keys/Online-Key/aaf375fd8ed24acb949a5cc173700b05"
   }
  },
  "roles": {
   "root": {
    "keyids": [
     "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
     "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
     "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
     "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
     "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
     "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
     "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
     "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44"
    ],
    "threshold": 3
   },
   "snapshot": {
    "keyids": [
     "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f"
    ],
    "threshold": 1,
    "x-tuf-on-ci-expiry-period": 21,
    "x-tuf-on-ci-signing-period": 7
   },
   "targets": {
    "keyids": [
     "a10513a5ab61acd0c6b6fbe0504856ead18f3b17c4fabbe3fa848c79a5a187cf",
     "4f4d1dd75f2d7f3860e3a068d7bed90dec5f0faafcbe1ace7fb7d95d29e07228",
     "88737ccdac7b49cc237e9aaead81be2a40278b886a693d8149a19cf543f093d3",
     "d6a89e23fb22801a0d1186bf1bdd007e228f65a8aa9964d24d06cb5fbb0ce91c",
     "eb8eff37f93af2faaba519f341decec3cecd3eeafcace32966db9723842c8a62",
     "8b498a80a1b7af188c10c9abdf6aade81d14faaffcde2abcd6063baa673ebd12",
     "539dde44014c850fe6eeb8b299eb7dae2e1f4bf83454b949e98aa73542cdc65a",
     "54809115b40137aac01af4b7ac2408c77ea0d58fa4dad48fc3196497d2a26f44"
    ],
    "threshold": 3
   },
   "timestamp": {
    "keyids": [
     "eb9799b483affac9da87ef4c9ea467928415c961349e607e5e6e485679b07f8f"
    ],
    "threshold": 1,
    "x-tuf-on-ci-expiry-period": 7,
    "x-tuf-on-ci-signing-period": 6
   }
  },
  "spec_version": "1.0.31",
  "version": 3,
  "x-tuf-on-ci-expiry-period": 240,
  "x-tuf-on-ci-signing-period": 60
 }
}`;

// EXTERNAL MODULE: ./src/attestations/sigstore.ts
var sigstore = __webpack_require__(4989);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(7206);
;// CONCATENATED MODULE: ./src/policy/signature-trust.ts






/**
 * The trust a policy's `signed-by` rules need. The `trusted-root` input's roots (a
 * trusted_root.json, or JSON Lines of them), when given, are the only ones trusted, and each
 * `key:` PEM file (relative to the working directory) is its signer's only key: both are read
 * before any request is sent, so a bad file is named at once. Otherwise keyless signatures are
 * checked against the built-in roots, each fetched only when a signature needs it.
 */
async function loadSignatureTrust(policy, trustedRoot, cache) {
    const trust = { keys: new Map() };
    const rules = [policy.default, ...policy.images];
    if (trustedRoot) {
        const text = await readText(trustedRoot, "Input 'trusted-root'", 'a trusted_root.json');
        const roots = parse(() => (0,sigstore/* parseTrustedRoots */.uE)(text, `trusted-root ${trustedRoot}`), "Input 'trusted-root'");
        trust.rootsFor = () => Promise.resolve(roots);
    }
    else if (rules.some(w => w.rule['signed-by'] && !('key' in w.rule['signed-by']))) {
        trust.rootsFor = builtInRoots(cache);
    }
    for (const written of rules) {
        const signer = written.rule['signed-by'];
        if (!signer || !('key' in signer) || trust.keys.has(signer.key))
            continue;
        const site = written.sites['signed-by'];
        const where = `${policy.label}${site ? `:${site.line}:${site.col}` : ''}: key 'signed-by.key'`;
        const pem = await readText(signer.key, where, 'a PEM public key file');
        trust.keys.set(signer.key, parse(() => (0,sigstore/* keyTrust */.y$)(pem, `key ${signer.key}`), where));
    }
    return trust;
}
async function readText(path, who, expected) {
    try {
        return await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new errors/* DigestGateError */.ic('invalid-input', `${who}: cannot read '${path}' (${e.code ?? e.message}); expected ${expected}`);
    }
}
function parse(read, who) {
    try {
        return read();
    }
    catch (e) {
        throw new errors/* DigestGateError */.ic('invalid-input', `${who}: ${e.message}`);
    }
}
const PUBLIC_GOOD = {
    name: 'public-good',
    mirrorURL: 'https://tuf-repo-cdn.sigstore.dev'
};
const GITHUB = {
    name: 'GitHub',
    mirrorURL: GITHUB_TUF_MIRROR,
    seedRoot: GITHUB_TUF_ROOT
};
/**
 * The built-in roots, chosen as the GitHub CLI chooses them, by who issued the signing
 * certificate: GitHub's Fulcio (`GitHub, Inc.`, private-repository attestations) is checked
 * against GitHub's root, anything else against Sigstore's public-good root. Each is fetched
 * at most once per run, and only when a signature needs it.
 */
function builtInRoots(cache, instances = {
    byOrg: new Map([[GITHUB_ISSUER_ORG, GITHUB]]),
    otherwise: PUBLIC_GOOD
}) {
    const loading = new Map();
    return async (issuerOrg) => {
        const instance = (issuerOrg && instances.byOrg.get(issuerOrg)) || instances.otherwise;
        let root = loading.get(instance);
        if (!root) {
            root = tufRoot(instance, cache);
            loading.set(instance, root);
        }
        return [await root];
    };
}
/**
 * An instance's trusted root through @sigstore/tuf: one refresh from its TUF repository (5 s,
 * no retry), its metadata kept under the `cache` directory when one is given. When the
 * repository cannot be reached, the trusted_root.json an earlier verified refresh (or, for
 * public-good, @sigstore/tuf's embedded seed) left in that directory: offline, the seed is the
 * root, as trusted as the package itself. Throws saying why there is none.
 */
async function tufRoot(instance, cache, scratchIn = (0,external_node_os_.tmpdir)()) {
    if (cache)
        return fromTuf(instance, (0,external_node_path_.join)(cache, 'sigstore-tuf'), true);
    // Without a cache the metadata serves this one load: the root is in memory after it.
    const scratch = await (0,promises_.mkdtemp)((0,external_node_path_.join)(scratchIn, 'dg-tuf-'));
    try {
        return await fromTuf(instance, scratch, false);
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}
async function fromTuf(instance, cachePath, kept) {
    const { getTrustedRoot } = await __webpack_require__.e(/* import() */ 694).then(__webpack_require__.bind(__webpack_require__, 4423));
    const { toTrustMaterial } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4187));
    const { mirrorURL, name, seedRoot } = instance;
    const host = new URL(mirrorURL).host;
    let rootPath;
    if (seedRoot) {
        await (0,promises_.mkdir)(cachePath, { recursive: true });
        rootPath = (0,external_node_path_.join)(cachePath, `${host}.seed-root.json`);
        await (0,promises_.writeFile)(rootPath, seedRoot);
    }
    try {
        const root = await getTrustedRoot({ cachePath, mirrorURL, rootPath, retry: 0, timeout: 5000 });
        return {
            label: `${name} (${host} TUF, refreshed)`,
            material: toTrustMaterial(root),
            ctlogs: root.ctlogs.length
        };
    }
    catch (e) {
        // @sigstore/tuf's own message is generic; tuf-js's, its cause, says what failed.
        const cause = e.cause;
        const why = `${e.message}${cause instanceof Error ? `: ${cause.message}` : ''}`;
        let text;
        try {
            // @sigstore/tuf keeps each repository's metadata under its encoded host.
            const kept = (0,external_node_path_.join)(cachePath, encodeURIComponent(host), 'targets', 'trusted_root.json');
            text = await (0,promises_.readFile)(kept, 'utf8');
        }
        catch {
            const keep = kept ? `in ${cachePath}` : "(the 'cache' input keeps one)";
            throw new Error(`the ${name} trust root cannot be refreshed from ${mirrorURL} (${why}), and no earlier refresh is kept ${keep}`);
        }
        return (0,sigstore/* parseTrustedRoot */.t1)(text, `${name} (${host} TUF cache, offline: ${why})`);
    }
}


/***/ })

};
