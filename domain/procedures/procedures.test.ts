import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit.js';
import { parseDefinition, validateDefinition } from '../procedure-validate.js';
import { LEGAL_PARAMS_SEED } from '../legal-params.js';
import { VN_PROCEDURES } from './index.js';

/**
 * SHA-256 of the canonical JSON of every version shipped before (versions 1 and 2 computed from main
 * before fields had defaults, version 3 before the penalty's version 4, the later ones before the
 * penalty's version 7, and that version with its siblings (ADR 0205, 0206) on 85c6254, penalty 8 and seizure 5 (ADR 0209, 0210) on c384c67): a published version never changes (docs/adr/0001, 0099, 0116, 0127, 0205).
 */
const PUBLISHED: Record<string, string> = {
  'ins-inspection@1': '2e8e33b8d21d0992d0a466305f1c61ef2a7aa98f40de644e9af6fcb2cbfe4c55',
  'ins-penalty@1': '85670af1ff022243cc92fe79eeec409e665a9696b3d156218d6432f3de4ff974',
  'ins-penalty-no-record@1': 'd3f93d9893edc50beb4fabdaea8445707e9caf6bdf241b6a53f4148e3f15c9f5',
  'ins-seizure@1': 'e29a867dc5d3e24890d73007ab00f9e219c8d0438f3756971491ee5d294addca',
  'ins-enforcement@1': 'd5bbabc6d0d69d7b04bd40017bab6dcb6f536a251bb6d1b77b9ebe8951651b6c',
  'ins-criminal-referral@1': 'bc6b3c5bc663d90e8da5a60b699de6fd0a046e44666003a1405bb64d834d2f31',
  'ins-tip@1': '70a3481807bdac101015c36cbabfe786d06f2a1535fd6681f2b828c3a0abf616',
  'ins-paper-file@1': '89574baebb7595441dec43e4916cf9d022c82f44127c4d4b2371ce7446e2bd1d',
  'ins-inspection@2': '8b774a6d2ee3c752fe232f936fc5804e70f14ef585bd1ea33d8774ca63b2a6f3',
  'ins-penalty@2': '2d0a11559856089cc01b45473a92e2b10711440ce9849a36664d275c3515b79c',
  'ins-penalty-no-record@2': 'f8ba334f66673f7ebcfdebe260ae89e91f7d167fc8cbb5a221570f27ec35ec03',
  'ins-seizure@2': 'b5a016de0bd38486f65ee53031c872758b7307ad40ee9540d947087bce92ebcb',
  'ins-enforcement@2': 'b89cbf0205761d6164045db692f90daad287a0e36219cc30932d9136d80f5c4d',
  'ins-criminal-referral@2': '0dd34ec27297f00383e7fbc1566191eef21ba29391376bf1d006106a5125afe7',
  'ins-inspection@3': '7175c9bed80dfdac218c48c667bd09cf40bb43ef9a03dea2005cb2065a2fbce0',
  'ins-penalty@3': '2e05131cb9ceec2d37339b3fc2002388446e243652eae3edddcfa143613e3fc5',
  // Every later version shipped up to the penalty's version 6 and the inspection's version 5 (docs/adr/0205 adds the penalty's version 7).
  'ins-penalty@4': '8aa651bfd27ce1d0c7cfb44556a235cbf442b764e8d30928ee94db9cc1c2c893',
  'ins-inspection@4': 'a867e9ee113c88bc900a1d7c3df0934fa91f7582265e6a104196b4fcb71d75ae',
  'ins-penalty@5': '70cc0b06af2c2660830bbb71e9d4c753454557f1438427b29d4247bcad47d346',
  'ins-penalty-no-record@3': 'bacc5224ce570348a29f77e4752094739df7fa0387ca3c592e7e363c3af7d93f',
  'ins-seizure@3': '734df9c08f321c7309ef8a22f7823824696a09bb26ab24aa9f589f19b83de494',
  'ins-enforcement@3': 'ceac7ca0d7f7067c4d11ac8b2ae829f17e609184998dbf9b0a724f4df44dbf2c',
  'ins-criminal-referral@3': 'dacd2895974df7365b7ee247050e77426d029805b99c00a0a8c8b7d720e41620',
  'ins-penalty@6': 'e0fc76f65680637c7d5612aadb6b5faf159e4a69256208086bfd4e6df2d7a4cc',
  'ins-penalty-no-record@4': 'd64b4b79ea5f5540c7cc99d1878e84d5c081ef865f4ae2f340c192d2d28c1dd0',
  'ins-inspection@5': '646bd2efd0397482d6186fef81896465faf2acc2942f62d7e3c005508fe9dcb5',
  'ins-seizure@4': '790f88348eae89215224b83a16f0a4afc62007d3ab9329e7113c12815eed7cdd',
  'ins-enforcement@4': '19fb9a1f528d024973ca391925a4726cbcd53e8b90c1c2fb09f7412bf225a9bf',
  'ins-criminal-referral@4': '37215134df51569feb7bed73e126395b1603bfb4c746f9edd09767d4fced4114',
  'ins-tip@2': '0ae0126d9579670b02360a6b9e5ac6b41634a1a5a1f2f781fd1cfdfb1e88b0cd',
  'ins-penalty@7': '387289fde508a0b99489e4d66dc757e7aa36e97c8b455128cdaee2aaed1af876',
  'ins-inspection@6': 'b436a5ce6833fa8bc8ffde5b526b49c30e470a78ef51114070ce9556e0d15577',
  'ins-penalty@8': 'e1fb5276daab2586d470a30d84867efb481897f3b1cbcb5bd1dab440d733c897',
  'ins-seizure@5': '9d9a604a582b7a2bda058c05cdf27d7552d9334c01249a4972876695f2da9955',
  'ins-penalty@9': '8b82fc94573b9874acd35e37857c6654a471a7f25d1644e10ec023b2f0079c2a',
  'ins-penalty@10': 'f0b67ccaf5523994aec83e0b00ac0909327359ab1bb1da9855d42688c32dd96f',
  'ins-penalty@11': 'a76eb6602c2b0fc9e75c4e9655070e9b153cb5aab5a4ed3580ffcfc27a7e911b',
  // The limitation periods in every path (docs/adr/0216).
  'ins-criminal-referral@5': 'c76dc94d87d7b9c96a9b15a6086d5b026e6e60a439d5f0e41aecc76692da4b28',
  'ins-penalty@12': '653c4bcd051ca279a88567707a9068eb6cd46b4c2d46bbf8765286f4c9bae75e',
  'ins-penalty-no-record@5': '31515882285af81ca1aa19050d97cf9ae5d62a098f43aa11e02fabd6dfd59d1b',
  // The time to comply the decision gives (docs/adr/0217).
  'ins-penalty@13': '097ba29bbcf9262b7bc39e9a753b9b8cc69a4ec2a94eb892d9671492db0440a2',
  'ins-criminal-referral@6': '3bacd3848dccac7d979d0ba02e2a889867fbf3330dce52f46d90b194780bdbd3',
  'ins-criminal-referral@7': '7c368215e2cf9500c8de10b01d704b57bac3c09a2c8ab8ae554f42a844e07069',
  // The decision's 2-month extension is the handler's direct superior's (docs/adr/0221).
  'ins-penalty@14': 'ee7b9e2aad515512f2d435057cc089111a093b1e254c6d1d2fc157f94109b61e',
  // The decision without a record's time to comply (docs/adr/0222).
  'ins-penalty-no-record@6': 'b1f55a7d351095f7c43c377987a92355a7e53f951e801ef41acded6b33a2aad3',
  // The fine on a returned file postponed or paid in instalments (docs/adr/0223).
  'ins-criminal-referral@8': '7a498d9120e9054247dcfd6d4cb013310523e1136470eebf5035f933407f6f95',
  // The request's day; the postponement decided within 5 days of it by the title that made the decision (docs/adr/0225).
  'ins-penalty@15': 'a94a193a68d83341c02e91da685610428c4c963dc5c9eb64d06cbc08b8e8bbc6',
  'ins-criminal-referral@9': 'ea8470e620a76fe39f22a81e72315e716b2681d4b47e3a4ef8c098bfcbffe307',
  // The hardship a postponement or instalments are granted for, certified and by whom (docs/adr/0228).
  'ins-penalty@16': 'b337be02c7f0185392a81807418aebef07f71085ce0dfd4a01a9820ce541cb56',
  'ins-criminal-referral@10': '4ab01ed8bdb0c5c0e83c8615bc2d510095d5ad98ba087744be71419f9d75d236',
  // Instalments decided by the title that made the fine's decision (docs/adr/0229).
  'ins-penalty@17': '579fe59f1f69997b9e48459496f4aef09b769394a7f65a7640b178615cec4094',
  'ins-criminal-referral@11': '5386863fb9ed8efd457fcd2ec9d50f55904d6a66a215211d69280b9396374fb3',
  // The fine collected on the spot where Art. 78 allows it, and paid into the Treasury within its days (docs/adr/0232).
  'ins-penalty@18': '93098b2aa5fb763519ac4c3d82b68c308cc9db9399408c7e332fcbeaeba450de',
  'ins-penalty-no-record@7': '491f177c05e15a40989a485b2b4559b57071409b583808741db5903b5562bd1e',
  'ins-criminal-referral@12': 'e2b076c32cdc2196f487865f765e56c4373749e9deac28db24f1eb685842c0ff',
  // An evasion restarts the limitation period only if it began within it; one after the record is stated with the decision (docs/adr/0233).
  'ins-penalty@19': '8a50405d52b599bdb90722abd6b9b632a0ff265038346138a7f211310855f5d3',
  'ins-criminal-referral@13': '661a49ae7fb6a57fee6bbb677f6857610b5fd05e525337c3846e7f4404f40380',
};

describe('the Vietnamese procedures', () => {
  it.each(Object.entries(PUBLISHED))('%s is byte for byte what installations published', (key, sha) => {
    const def = VN_PROCEDURES.find((p) => `${p.id}@${p.version}` === key);
    expect(def, key).toBeDefined();
    expect(
      createHash('sha256')
        .update(canonicalJson(parseDefinition(def)))
        .digest('hex'),
    ).toBe(sha);
  });

  it('give fields defaults only from version 3, whose forms are version 2’s otherwise', () => {
    for (const id of ['ins-inspection', 'ins-penalty']) {
      const v2 = VN_PROCEDURES.find((p) => p.id === id && p.version === 2)!;
      const v3 = VN_PROCEDURES.find((p) => p.id === id && p.version === 3)!;
      expect(JSON.stringify(v2)).not.toContain('prefill');
      expect(JSON.stringify(v3)).toContain('prefill');
      expect(v3.steps.map((s) => s.id)).toEqual(v2.steps.map((s) => s.id));
    }
  });

  it('charge the surcharge on the unpaid part from the penalty’s version 4, and record the party’s identifier, which is version 3 otherwise', () => {
    const v3 = VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === 3)!;
    const v4 = VN_PROCEDURES.find((p) => p.id === 'ins-penalty' && p.version === 4)!;
    const b1 = v4.steps.find((s) => s.id === 'B1')!;
    expect((b1.form!.fields as { key: string }[]).map((f) => f.key)).toContain('partyIdentifier');
    const withoutIdentifier = {
      ...v4,
      steps: v4.steps.map((s) => (s.id === 'B1' ? { ...s, form: { ...s.form!, fields: (s.form!.fields as { key: string }[]).filter((f) => f.key !== 'partyIdentifier') } } : s)),
    };
    const text4 = JSON.stringify(withoutIdentifier);
    expect(JSON.stringify(v3)).not.toContain('SURCHARGE_ON_UNPAID');
    // B9's and B14's PAID outcomes.
    expect(text4.match(/"SURCHARGE_ON_UNPAID"/g)).toHaveLength(2);
    expect(text4).not.toContain('"SURCHARGE"');
    expect(text4.replaceAll('"kind":"SURCHARGE_ON_UNPAID"', '"kind":"SURCHARGE"').replaceAll(',"event":"PAYMENT_RECEIVED"}', '}').replace('"version":4', '"version":3')).toBe(JSON.stringify(v3));
  });

  it.each(VN_PROCEDURES.map((p) => [p.id, p] as const))('%s passes publish validation', (_id, def) => {
    expect(validateDefinition(def).issues).toEqual([]);
  });

  it('cite a legal basis on every step and every deadline', () => {
    for (const def of VN_PROCEDURES) {
      for (const s of def.steps) {
        if (!s.subProcedure) expect(s.legalBasis, `${def.id}.${s.id}`).toBeTruthy();
        if (s.deadline) expect(s.deadline.legalBasis, `${def.id}.${s.id}`).toBeTruthy();
      }
    }
  });

  it('name only legal parameters that exist', () => {
    const keys = new Set(LEGAL_PARAMS_SEED.map((p) => p.key));
    const text = JSON.stringify(VN_PROCEDURES);
    const named = [...text.matchAll(/"(?:individual|organization|amountParam|maxAmountParam)":"([a-zA-Z]+)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(15);
    for (const key of named) expect(keys.has(key), key).toBe(true);
  });

  it('take day counts the spec leaves unverified from configuration, with the documented value (latest versions)', () => {
    const latest = VN_PROCEDURES.filter((p) => !VN_PROCEDURES.some((q) => q.id === p.id && q.version > p.version));
    for (const def of latest) {
      for (const s of def.steps) {
        for (const d of [s.deadline, ...(s.deadline?.variants ?? []), ...(s.windows ?? [])]) {
          if (!d?.amountParam) continue;
          const p = LEGAL_PARAMS_SEED.find((x) => x.key === d.amountParam && !x.effectiveTo)!;
          // A parameter kept in years counts 12 months each (the execution limitation, Art. 74).
          expect(p.unit === 'years' && d.unit === 'months' ? p.value * 12 : p.value, `${def.id}.${s.id}`).toBe(d.amount);
        }
      }
    }
  });

  it('reference only procedures that ship as sub-procedures', () => {
    const ids = new Set(VN_PROCEDURES.map((p) => p.id));
    for (const def of VN_PROCEDURES) for (const s of def.steps) if (s.subProcedure) expect(ids.has(s.subProcedure.procedureId), `${def.id}.${s.id}`).toBe(true);
  });
});
