// Language that touches a protected characteristic under the Equality Act 2010, directly or through a
// proxy ("overqualified", "young team", "native English", "cultural fit"). Every match is an error:
// such words in candidate feedback are a legal risk for the venue, whatever was meant.

import { eventNoun, type PatternRule, personNouns as people, words } from './patterns.ts';
import { framedProtectedRules } from './protected-frames.ts';

export const characteristics = [
  'age',
  'disability',
  'gender reassignment',
  'marriage and civil partnership',
  'pregnancy and maternity',
  'race',
  'religion or belief',
  'sex',
  'sexual orientation',
] as const;
export type Characteristic = (typeof characteristics)[number];

export interface ProtectedRule extends PatternRule {
  characteristic: Characteristic;
  /** Set when the words are a proxy rather than the characteristic itself, e.g. 'overqualified'. */
  proxy?: boolean;
  suggestion?: string;
}

const you =
  "you(?:'re|\\s+are|\\s+were|\\s+seemed|\\s+seem|\\s+looked|\\s+look|\\s+came\\s+across\\s+as|\\s+come\\s+across\\s+as|\\s+might\\s+be|\\s+may\\s+be|\\s+would\\s+be|'d\\s+be|\\s+sounded|\\s+sound)";
const degree =
  '(?:a\\s+(?:bit|little|touch)\\s+|quite\\s+|rather\\s+|very\\s+|too\\s+|slightly\\s+|perhaps\\s+|maybe\\s+|probably\\s+|just\\s+|simply\\s+|a\\s+|an\\s+)*';

const criterionSuggestion =
  "Leave it out and describe a job-related criterion and what you saw, e.g. 'Your frequency plan left no guard band between the IEMs and the radio mics.'";

export const protectedRules: readonly ProtectedRule[] = [
  // ── Age ────────────────────────────────────────────────────────────────────────────────────────
  {
    characteristic: 'age',
    pattern: words(
      "(?:your|his|her|their|the\\s+candidate's)\\s+age|at\\s+your\\s+(?:age|stage\\s+of\\s+life|time\\s+of\\s+life)",
    ),
  },
  {
    characteristic: 'age',
    pattern: words(`${you}\\s+${degree}(?:old|older|young|younger|elderly|youthful|too\\s+old|too\\s+young)`),
  },
  {
    characteristic: 'age',
    pattern: words(
      `(?:young|younger|youthful|elderly|ageing|aging)\\s+(?:${people}|blood|energy|outlook|department|company|workforce|talent)`,
    ),
    unlessAfter: /^(?:'s|s')/,
    unlessBefore: /(?:\b(?:for|with|to|engag(?:e|ing)|reach(?:ing)?|support(?:ing)?)\s+)$/i,
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      `older\\s+(?:${people})|old\\s+(?:man|woman|lady|gentleman|guy|bloke|chap|timer|timers|boy)|old-timers?|mature\\s+(?:candidate|candidates|applicant|applicants|person|student|students|gentleman|lady|man|woman)`,
    ),
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'over[- ]?qualified|over[- ]?experienced|too\\s+experienced|(?:more|too\\s+much)\\s+experience\\s+than\\s+(?:the|this|we|our)\\b[^.]{0,20}?\\b(?:needs?|needed|require[sd]?|wants?|wanted)',
    ),
    suggestion:
      'If the concern is what the role offers, say what it offers (pay, scope, progression) and let the candidate decide; otherwise leave it out.',
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'long\\s+in\\s+the\\s+tooth|set\\s+in\\s+(?:your|his|her|their)\\s+ways|past\\s+(?:your|his|her|their)\\s+(?:best|prime)|over\\s+the\\s+hill',
    ),
  },
  { characteristic: 'age', proxy: true, pattern: words(`${you}\\s+${degree}old[- ]school`) },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'digital\\s+natives?|gen(?:eration)?\\s*z|millennials?|(?:baby\\s+)?boomers?|zoomers?|(?:younger|older)\\s+generations?',
    ),
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words('(?:your|near(?:ing)?|close\\s+to|approaching)\\s+retirement'),
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'stage\\s+(?:of|in)\\s+(?:your\\s+|their\\s+|his\\s+|her\\s+)?life|(?:more|some|a\\s+bit\\s+more|a\\s+little\\s+more|lack(?:ed|s)?\\s+(?:of\\s+)?|your|real|emotional|the\\s+maturity)\\s+maturity|immatur(?:e|ity)',
    ),
  },
  {
    characteristic: 'age',
    pattern: words(
      '(?:at|aged)\\s+(?:the\\s+age\\s+of\\s+)?[1-9]\\d(?=\\s*,|\\s+years|\\s+you\\b)|(?:the\\s+)?age\\s+of\\s+[1-9]\\d',
    ),
  },
  {
    characteristic: 'age',
    pattern: words(
      '(?:in\\s+(?:your|their|his|her)|early|late|mid)\\s*[- ]?(?:twenties|thirties|forties|fifties|sixties|20s|30s|40s|50s|60s)|aged\\s+\\d{2}|\\d{2}[- ]years?[- ]old\\s+(?:' +
        people +
        ')',
    ),
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      "(?:looking\\s+for|wanted|want|needed|need|prefer(?:red)?|requires?|required|suited\\s+to|ideal(?:ly)?(?:\\s+for)?|aimed\\s+at|reserved\\s+for|only\\s+(?:for|considering)|hire|hiring|go(?:ing)?\\s+for|went\\s+for|more\\s+of)\\s+(?:a\\s+|an\\s+|someone\\s+who\\s+is\\s+a\\s+|someone\\s+who's\\s+a\\s+)?(?:more\\s+)?(?:recent|fresh|new|newly[- ]qualified)\\s+grad(?:uate)?s?|(?:someone|somebody|a\\s+candidate|candidates|people|a\\s+person|one)\\s+(?:(?:a\\s+)?(?:good\\s+|little\\s+)?(?:bit|lot)\\s+|much\\s+|far\\s+|more\\s+)?(?:straight|fresh(?:er)?|newly|just|recently)\\s+out\\s+of\\s+(?:college|uni|university|school|drama\\s+school)",
    ),
    suggestion:
      "A role can require skills, not a stage of life: name the skill (e.g. 'Dante Level 2 or equivalent experience'), not 'recent graduate'.",
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'energetic|(?:high|low|more|less|youthful|good|great|real|the\\s+right|bags\\s+of|plenty\\s+of|some|enough|extra|your|their|his|her|bring|brings|brought|bringing|show|showed|had|has|have|lacked|lacking|lack\\s+of|levels?\\s+of)\\s+energy(?:\\s+levels?)?|new\\s+blood|fresh\\s+blood|fresh[- ]faced|young\\s+and\\s+(?:hungry|keen|dynamic)',
    ),
    unlessAfter:
      /^[\s-]*(?:efficien\w*|consumption|use|usage|bills?|costs?|savings?|saving|monitoring|meters?|ratings?|lamps?|lighting|fixtures?|LEDs?|draw|budget|strategy|policy|management|audit|supply|supplies|performance|labels?)\b/i,
    suggestion:
      "Describe the behaviour you assessed, e.g. 'You kept the changeover moving and called the next cue before it was needed.'",
  },

  // ── Disability and health ──────────────────────────────────────────────────────────────────────
  {
    characteristic: 'disability',
    pattern: words(
      'disabilit(?:y|ies)|(?:a|your|his|her|their)\\s+(?:physical\\s+|mental\\s+|learning\\s+|hidden\\s+)?impairments?|disabled\\s+(?:' +
        people +
        ')|' +
        you +
        '\\s+disabled',
    ),
  },
  {
    characteristic: 'disability',
    pattern: words(
      '(?:medical|health|mental\\s+health|physical|long[- ]term)\\s+(?:condition|conditions|issues?|problems?|history|needs)|mental\\s+health|ill[- ]health|(?:poor|good|in\\s+good|in\\s+poor|failing)\\s+health|your\\s+(?:health|condition|illness|injury|injuries|diagnosis|medication|wheelchair|eyesight|sight|mobility|hearing)',
    ),
    unlessBefore: /\b(?:network|system|battery|device|server|switch|link)\s+$/i,
    unlessAfter: /^(?:[\s-]*(?:reports?|checks?|lines?|monitoring)\b|\s*(?:and|&)\s+safety)/i,
  },
  {
    characteristic: 'disability',
    pattern: words(
      'sick\\s+(?:days?|leave|notes?|record|pay)|sickness(?:\\s+(?:record|absence|history))?|time\\s+off\\s+sick|off\\s+sick|signed\\s+off\\s+(?:sick|work)|illness(?:es)?|medication|medical\\s+(?:history|records?|appointments?)|hospital\\s+appointments?|panic\\s+attacks?',
    ),
  },
  {
    characteristic: 'disability',
    pattern: words(
      "(?:your|his|her|their|a|the\\s+candidate's)\\s+(?:bad\\s+)?(?:back|knee|knees|hip|hips|heart|shoulder|neck|joint|joints|lung|breathing|skin)\\s+(?:condition|problems?|issues?|injury|injuries|trouble|pain)",
    ),
  },
  {
    characteristic: 'disability',
    pattern: words(
      'wheelchair\\s+users?|in\\s+a\\s+wheelchair|able[- ]bodied|(?:bad|dodgy|weak)\\s+(?:back|knee|knees|heart|hip|hips)',
    ),
  },
  {
    characteristic: 'disability',
    pattern: words(
      '(?:hearing|visual|visually|sight|speech|mobility)\\s+(?:impairment|impaired|loss|aids?|difficult(?:y|ies)|problems?|issues?)|partially\\s+sighted|registered\\s+blind|colou?r[- ]?blind(?:ness)?|(?:partially\\s+)?deaf(?:ness)?|' +
        you +
        '\\s+(?:partially\\s+)?blind',
    ),
    unlessBefore:
      /\b(?:prevent(?:ing)?|avoid(?:ing)?|protect(?:ing|s)?(?:\s+\w+)?\s+(?:against|from)|risk\s+of|against|reduc(?:e|ing)|noise[- ]induced|for|to|captioned\s+for|accessible\s+to|with)\s+$/i,
    unlessAfter:
      /^[\s-]*(?:audiences?|patrons?|customers?|visitors?|community|performances?|friendly|access|and\s+hard)\b/i,
  },
  {
    characteristic: 'disability',
    pattern: words(
      "dyslexi[ac]|dyspraxi[ac]|autis(?:m|tic)|asperger'?s|adhd|neuro[- ]?(?:diver(?:gent|gence|sity|se)|typical)|ocd|tourette'?s|epilep(?:sy|tic)|diabet(?:es|ic)|stammer(?:s|ing)?|stutter(?:s|ing)?|anxiety\\s+(?:disorder|condition)|depression|bipolar|ptsd",
    ),
  },
  {
    characteristic: 'disability',
    proxy: true,
    pattern: words(
      '(?:physically|medically)\\s+(?:able|capable|fit|unfit|strong|demanding\\s+for\\s+you)|(?:fit|strong)\\s+enough\\s+to\\s+(?:lift|carry|climb|handle|manage|cope)|reasonable\\s+adjustments?|your\\s+(?:access|accessibility)\\s+(?:needs|requirements)',
    ),
    suggestion:
      "Assess the task, not the person's body: describe what happened in the task (e.g. 'You lifted the flight case without checking the route was clear') or leave it out.",
  },

  {
    characteristic: 'disability',
    proxy: true,
    // Sign language, or the candidate's own interpreter ("an interpreter booth" is venue kit).
    pattern: words(
      'bsl|(?:british\\s+)?sign\\s+language|signing\\s+interpreter|lip[- ]?read(?:s|ing|er)?|(?:through|via|using|needs?|needed|needing|bring(?:s|ing)?|brought)\\s+(?:a|an|your|their|his|her)\\s+(?:own\\s+)?interpreter',
    ),
    unlessAfter: /^[\s-]*(?:booths?|channels?|feeds?|systems?|desks?|mics?|consoles?|units?|receivers?)\b/i,
    suggestion:
      'How someone communicates, with or without support, is never a criterion: leave it out, and talk to them about adjustments separately.',
  },

  // ── Gender reassignment ────────────────────────────────────────────────────────────────────────
  {
    characteristic: 'gender reassignment',
    pattern: words(
      `trans(?:gender|sexual)?\\s+(?:${people})|transgender|transsexual|gender\\s+(?:reassignment|transition|identity|dysphoria|fluid|expression)|non[- ]binary|(?:your|their|his|her)\\s+pronouns|dead[- ]?nam(?:e|ed|ing)|born\\s+(?:a\\s+)?(?:male|female|man|woman|boy|girl)|cross[- ]dress(?:er|ing)?`,
    ),
  },
  {
    characteristic: 'gender reassignment',
    pattern: words(
      '(?:going|gone|went|been)\\s+through\\s+(?:your|their|his|her|a)\\s+(?:gender\\s+)?transition|(?:since|after|before|during)\\s+(?:your|their|his|her)\\s+transition',
    ),
    unlessAfter: /^\s+(?:from|to|into|between|across)\b/i,
  },
  {
    characteristic: 'gender reassignment',
    // "trans" on its own describing a person: "you being trans", "she is trans.", "as a trans…" is above.
    pattern: words(
      "(?:being|is|are|was|were|'re|'s|isn't|aren't|not|openly)\\s+trans(?=\\s*(?:[,.;:!?)]|and\\b|or\\b|so\\b|which\\b|$))",
    ),
  },
  {
    characteristic: 'gender reassignment',
    pattern: words('(?:you|they|he|she)\\s+(?:have\\s+|has\\s+|had\\s+)?transitioned'),
    unlessAfter: /^\s+(?:from|to|into|between|across|over|out)\b/i,
  },

  {
    characteristic: 'pregnancy and maternity',
    proxy: true,
    // Fertility treatment stands for pregnancy (and for sex).
    pattern: words(
      'ivf|fertility\\s+(?:treatment|clinic|appointments?)|egg\\s+freezing|trying\\s+(?:for\\s+a\\s+(?:baby|child|family)|to\\s+(?:have\\s+a\\s+baby|conceive|get\\s+pregnant))',
    ),
  },

  // ── Marriage and civil partnership ─────────────────────────────────────────────────────────────
  {
    characteristic: 'marriage and civil partnership',
    pattern: words(
      "married|marriage|marital|civil\\s+partner(?:ship)?s?|divorc(?:e|ed|es|ing)|widow(?:ed|er)?|engaged\\s+to|fianc[ée]e?|spouses?|husband'?s?|wife'?s?|wives|hubby|missus|your\\s+(?:partner|partner's|girlfriend|boyfriend|other\\s+half)|getting\\s+(?:married|hitched)|wedding\\s+plans|honeymoon",
    ),
    // "married the two systems together", "married up the timecode": the verb for joining things.
    unlessAfter:
      /^\s+(?:(?:(?:on|in|for|during)\s+(?:the\s+|this\s+)?)?(?:paired\s+)?(?:practical|task|test|exercise|challenge|build|session|role[- ]play)\b|up\s+(?:the|these|those|both|two|all|it|them|each)\b|(?:up\s+)?(?:together\b|(?:the|these|those|both|two|all|our|their|your)\s+(?:\S+\s+){0,3}?(?:systems?|rigs?|feeds?|signals?|desks?|consoles?|networks?|mix(?:es)?|images?|outputs?|inputs?|sources?|zones?|arrays?|cues?|files?|sessions?|streams?|parts?|halves|sides)\b))/i,
  },

  {
    characteristic: 'marriage and civil partnership',
    pattern: words('your\\s+(?:own\\s+)?wedding'),
    // "your wedding set-up in the ballroom": the venue's wedding work, not the candidate's.
    unlessAfter:
      /^[\s-]*(?:set|client|couple|part(?:y|ies)|fairs?|events?|season|business|bookings?|packages?|AV|sound|lighting|light|playlists?|receptions?|venues?|team|work|shows?|gigs?|ceremon|breakfast|room|suite|ballroom)/i,
  },

  // ── Pregnancy and maternity, and family (a proxy for sex and for pregnancy) ─────────────────────
  {
    characteristic: 'pregnancy and maternity',
    pattern: words(
      // "expecting" with no object after a person: "you're expecting", "a candidate who is not expecting".
      "(?:you're|she's|they're|(?:you|she|they|someone|somebody|anyone|candidates?|applicants?|people|a\\s+person|who|whoever)\\s+(?:is|are|was|were|isn't|aren't|wasn't|weren't|might\\s+be|may\\s+be|could\\s+be|will\\s+be)?)\\s*(?:not\\s+)?expecting(?:\\s+(?:a\\s+baby|a\\s+child|twins))?",
    ),
    unlessAfter:
      /^\s+(?:to|a(?!\s+(?:baby|child))|an|the|more|us|this|that|feedback|it|them|our|your|some|any)\b/i,
  },
  {
    characteristic: 'pregnancy and maternity',
    pattern: words(
      'pregnan(?:t|cy|cies)|maternity|paternity|(?:shared\\s+)?parental\\s+leave|expecting\\s+(?:a\\s+baby|a\\s+child|twins)|breast[- ]?feeding|maternal',
    ),
    // "A pregnant pause" is a silence held on purpose, a cue-calling term.
    unlessAfter: /^\s+(?:pauses?|silences?|moments?|beats?|hush)\b/i,
  },
  {
    characteristic: 'pregnancy and maternity',
    pattern: words('bab(?:y|ies)|bump|newborn'),
    unlessAfter:
      /^[\s-]*(?:pins?|spigots?|booms?|plates?|stands?|legs?|spots?|junior|tripods?|fresnels?|XLRs?|connectors?)\b/i,
    unlessBefore: /\b(?:speed|cable)\s+$/i,
  },
  {
    characteristic: 'pregnancy and maternity',
    proxy: true,
    pattern: words(
      '(?:your|their|his|her)\\s+(?:children|kids|child|family|daughters?|sons?|toddlers?|little\\s+ones)|(?:have|has|had|having|want|wanting|plan(?:ning)?\\s+to\\s+have|thinking\\s+about|start(?:ing)?|with|got)\\s+(?:a\\s+)?(?:young\\s+|small\\s+|little\\s+)?(?:children|kids|a\\s+baby|a\\s+family|family)|child\\s*care|childminders?|nursery\\s+(?:run|pick[- ]?ups?|hours|fees)|family\\s+(?:plans|planning|commitments|responsibilities|life|circumstances|situation|reasons|obligations)|school\\s+(?:run|pick[- ]?ups?|holidays)|caring\\s+responsibilities|(?:new|young|single|working|stay[- ]at[- ]home|busy)\\s+(?:mum|mom|mother|dad|father|parent)s?|as\\s+a\\s+(?:mum|mom|mother|dad|father|parent)|motherhood|fatherhood',
    ),
    suggestion:
      "Family life is not a criterion. If availability for evening or weekend shows was assessed, say so neutrally for every candidate (e.g. 'The role's rota includes two weekend get-outs a month') without guessing at anyone's circumstances.",
  },

  // ── Race, nationality, ethnic or national origin, language as a proxy ───────────────────────────
  {
    characteristic: 'race',
    pattern: words(
      'racial(?:ly)?|(?:your|his|her|their)\\s+race|race\\s+(?:and|or)\\s+(?:ethnicity|religion|nationality)|ethnic(?:ity|ities|ally)?|nationality|nationalities|skin\\s+colou?r|colou?r\\s+of\\s+(?:your|his|her|their)\\s+skin|immigrants?|migrants?|foreigners?|asylum|refugees?',
    ),
  },
  {
    characteristic: 'race',
    pattern: words(
      `foreign(?:[- ]sounding)?\\s+(?:${people}|name|names|nationals?|accent|background|sounding)|where\\s+you(?:'re|\\s+are)\\s+(?:originally\\s+)?from|where\\s+you\\s+(?:originally\\s+)?come\\s+from|(?:your|their|his|her)\\s+(?:home\\s+country|country\\s+of\\s+origin|heritage|origins?|roots|ethnic\\s+background|cultural\\s+background)|country\\s+of\\s+origin|(?:your|their|the\\s+candidate's)\\s+(?:visa|immigration|residency)|(?:visa|immigration|residency)\\s+status|work\\s+permit`,
    ),
  },
  {
    characteristic: 'race',
    pattern: words(
      `(?:black|white|asian|brown|mixed[- ]race|chinese|indian|pakistani|bangladeshi|african|caribbean|nigerian|ghanaian|somali|polish|romanian|bulgarian|lithuanian|eastern\\s+european|european|arab|irish|scottish|english|welsh|gypsy|traveller|roma|latino|latina|hispanic|oriental|foreign|british|non[- ]british)\\s+(?:${people})|eastern\\s+europeans?`,
    ),
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      '(?:your|his|her|their|strong|thick|heavy|broad|regional|foreign|northern|southern|scottish|scouse|brummie|geordie|irish|welsh|african|indian|polish|european|non-native|pronounced|noticeable|unusual)\\s+accent|accent\\s+(?:was|is|made|makes|might|could|may|can)',
    ),
    unlessAfter: /^[\s-]*(?:colou?rs?|lights?|lighting|wash|washes|fixtures?|lamps?|LEDs?|strips?)\b/i,
    suggestion:
      "If clarity on comms was what you assessed, describe it: 'On the talkback exercise you called the go before the standby, so the LX operator went early.'",
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      "native\\s+english\\s+speakers?|native\\s+(?:english|speakers?|language|tongue)|non[- ]native|(?:first|second|mother)\\s+(?:language|tongue)|english\\s+(?:isn't|is\\s+not|wasn't|was\\s+not|isn't\\s+yet)\\s+(?:your|their|his|her)\\s+first|broken\\s+english|(?:command|grasp)\\s+of\\s+(?:the\\s+)?english|(?:language|communication)\\s+barriers?",
    ),
    suggestion:
      "Describe the communication task, not the language: e.g. 'Your handover notes left out which channels were patched to the spare stage box.'",
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words('your\\s+(?:spoken\\s+|written\\s+)?english'),
    // "your English Touring Opera credits": a proper noun follows, so it is a company, not a language.
    unlessAfter: /^\s+\p{Lu}/u,
    suggestion:
      "Describe the communication task, not the language: e.g. 'Your handover notes left out which channels were patched to the spare stage box.'",
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      "cultur(?:al|e)\\s+fit|fit\\s+(?:in\\s+)?(?:with\\s+)?(?:our|the)\\s+culture|fit(?:ted)?\\s+in\\s+(?:with|among|amongst)\\s+(?:the|our|us|everyone)\\b(?:\\s+(?:team|crew|lads|culture|people|department|vibe|others|rest))?|(?:not|n't)\\s+(?:really\\s+)?(?:one\\s+of\\s+us|our\\s+(?:sort|type|kind))",
    ),
    suggestion:
      "'Fit' hides the reason and often a bias. Name the criterion: e.g. 'The role needs calm show calling under pressure; in the exercise you missed two standbys once the changes came quickly.'",
  },

  // ── Religion or belief ─────────────────────────────────────────────────────────────────────────
  {
    characteristic: 'religion or belief',
    pattern: words(
      'religion|religions|religious(?!ly)|(?:your|his|her|their)\\s+(?:faith(?!\\s+in\\b)|beliefs?|belief\\s+system)|faith\\s+(?:commitments|observance|practices?|group|community|schools?)|(?:go|goes|going|went|attend|attends|attending|at)\\s+(?:to\\s+)?(?:church|mosque|synagogue|temple|gurdwara|mandir|mass)(?!\\s+hall)|your\\s+(?:church|mosque|synagogue|temple|gurdwara|mandir)|pray(?:s|ed|ing|er|ers)?|ramadan|eid|diwali|passover|yom\\s+kippur|rosh\\s+hashanah|hanukkah|chanukah|vaisakhi|shabbat|sabbaths?|holy\\s+days?|(?:religious|holy)\\s+(?:holidays?|festivals?|observance|dress|clothing|symbols?)|hijab|headscarf|headscarves|turbans?|kippah|yarmulke|niqab|burqa|crucifix|kirpan',
    ),
    // A festival as an event the venue put on ("the Eid event we hosted", "the Diwali concert").
    unlessAfter: eventNoun,
  },
  {
    characteristic: 'religion or belief',
    pattern: words(
      "muslims?|christians?|jewish|jews?|hindus?|sikhs?|buddhists?|catholics?|protestants?|atheists?|agnostics?|pagans?|mormons?|jehovah'?s?\\s+witness(?:es)?|quakers?|veganism",
    ),
  },

  // ── Sex ────────────────────────────────────────────────────────────────────────────────────────
  {
    characteristic: 'sex',
    pattern: words(
      "girls?|girlie|gals?|lass(?:es|ie)?|blok(?:e|es|ey|ish|eish)|lads?|laddy|laddish|ladettes?|boys'?\\s+club|chaps?|gentleman|gentlemen|lady|ladies|woman|women|womanly|men|boys?|feminine|masculine|manly|girly|gender|sex|sexes|sexist",
    ),
    unlessBefore: /\b(?:dear\s+sir\s+or|leading)\s+$/i,
    unlessAfter:
      /^(?:'s|s')?[\s-]*(?:toilets?|loos?|changing|dressing\s+rooms?|changers?|benders?|adaptors?|adapters?|swap|swaps)\b/i,
    suggestion: 'Leave out who the candidate is; describe what they did against the criterion.',
  },
  {
    characteristic: 'sex',
    pattern: words('guys?'),
    unlessAfter: /^[\s-]*(?:ropes?|wires?|lines?|cables?|strops?|anchors?)\b/i,
    suggestion: 'Leave out who the candidate is; describe what they did against the criterion.',
  },
  {
    characteristic: 'sex',
    pattern: words(
      `(?:female|male)s?\\s+(?:${people}|perspective|presence|voice|energy|role\\s+models?)|as\\s+a\\s+(?:woman|female|girl|man|male|lad|bloke|guy)|for\\s+a\\s+(?:woman|female|girl|man|male|lad)|(?:a|the)\\s+(?:young\\s+|nice\\s+|old\\s+|older\\s+)?man\\b(?=\\s+(?:like|who|with|in\\s+your))`,
    ),
    // A cable's ends are male and female: "a male-to-female turnaround", "a female XLR".
    unlessAfter:
      /^[\s-]*(?:to[\s-]+(?:male|female)|XLRs?|connectors?|plugs?|sockets?|adapters?|turnarounds?|barrels?|ends?|leads?|jacks?|pins?)\b/i,
  },
  {
    characteristic: 'sex',
    proxy: true,
    pattern: words(
      'bossy|hysterical|shrill|feisty|sassy|ditzy|(?:too|overly|very|quite|a\\s+bit)\\s+emotional|motherly|fatherly',
    ),
    suggestion:
      "That word is a gendered stereotype. Describe the behaviour and its effect on the show, e.g. 'You raised the fault on talkback before checking the patch.'",
  },

  // ── Sexual orientation ─────────────────────────────────────────────────────────────────────────
  {
    characteristic: 'sexual orientation',
    pattern: words(
      `gay|lesbians?|bisexual|homosexual|heterosexual|queer|lgbt\\w*|sexuality|sexual\\s+orientation|straight\\s+(?:${people})|(?:a\\s+bit|quite|very|too|rather|so)\\s+camp|camp\\s+(?:manner|voice|personality)|same[- ]sex`,
    ),
  },

  // ── Comparisons, stated facts and everyday proxies (age, disability, gender reassignment, …) ──
  {
    characteristic: 'age',
    pattern: words(
      `(?:someone|somebody|a\\s+candidate|candidates|an\\s+applicant|applicants|a\\s+person|people)\\s+(?:much\\s+|a\\s+(?:bit|little|lot)\\s+|slightly\\s+|far\\s+)?(?:younger|older)|(?:recent|fresh|newly[- ]qualified)\\s+grad(?:uate)?s?`,
    ),
    suggestion:
      'Compare what the candidates did against the criteria, never who they are: leave the comparison out and name the criterion.',
  },
  {
    characteristic: 'age',
    // "you're 61", "at 58 we think…": an age stated as a reason.
    pattern: words(
      "you(?:'re|\\s+are|\\s+were)\\s+(?:now\\s+|nearly\\s+|almost\\s+|over\\s+|only\\s+|just\\s+|still\\s+)?[1-9]\\d(?=\\s*(?:[,;.]|and\\b|so\\b|now\\b|years?\\s+old))|at\\s+[1-9]\\d,?\\s+(?:we|the\\s+panel|I)\\s+(?:think|thought|felt|feel|worr\\w*|were|are|doubt\\w*|wonder\\w*|didn't|did\\s+not|don't|do\\s+not)",
    ),
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      'retirement|how\\s+long\\s+ago\\s+you\\s+(?:trained|qualified|studied|started)|(?:trained|qualified)\\s+(?:so\\s+|such\\s+|a\\s+)?(?:long\\s+(?:time\\s+)?|many\\s+years\\s+|decades\\s+)ago',
    ),
    unlessBefore: /\b(?:console|desk|kit|equipment|system|product|lamp|model)'?s?\s+$/i,
  },
  {
    characteristic: 'disability',
    proxy: true,
    pattern: words(
      '(?:the|your|enough|physical|lack(?:ed)?\\s+(?:of\\s+)?|lacking|more|the\\s+same)\\s+stamina|(?:found|find|finds|finding)\\s+(?:the\\s+)?(?:stairs|steps|ladders?|climb(?:ing)?|walking|standing|kneeling|lifting)\\s+(?:\\w+\\s+)?(?:difficult|hard|tough|painful|a\\s+struggle)',
    ),
    suggestion: "Assess the task, not the person's body: describe what happened in the task or leave it out.",
  },
  {
    characteristic: 'disability',
    pattern: words(
      'wheelchairs?|(?:your|his|her|their)\\s+(?:anxiety|depression|nerves|stress\\s+levels|disorder|surgery|treatment|therapy|prosthe\\w+|crutch(?:es)?|walking\\s+stick|guide\\s+dog)|surger(?:y|ies)|(?:workplace|reasonable)\\s+adjustments|adjustments\\s+(?:that\\s+)?you\\s+(?:mentioned|asked\\s+for|requested|need|needed|would\\s+need)|(?:need|needed|needing|require[sd]?|requiring)\\s+(?:any\\s+)?(?:of\\s+the\\s+)?adjustments',
    ),
    unlessAfter:
      /^[\s-]*(?:access\w*|spaces?|positions?|bays?|platforms?|lifts?|ramps?|seating|seats?|areas?|users?\s+in\s+the\s+audience|to\s+(?:the|your|our)\s+(?:eq|mix|levels?|focus|rig|patch|gain|settings?))\b/i,
    // Someone else's wheelchair ("a colleague who uses a wheelchair"), not the candidate's.
    unlessBefore:
      /\b(?:colleagues?|patrons?|guests?|audience\s+members?|visitors?|customers?|performers?|artists?|clients?|delegates?|speakers?|students?|members\s+of\s+the\s+public)\s+who\s+(?:uses?|used|need(?:s|ed)?)\s+(?:a\s+)?$/i,
  },
  {
    characteristic: 'gender reassignment',
    pattern: words(
      "(?:you(?:'re|\\s+are|\\s+were)\\s+)?transitioning|(?:your|their|his|her)\\s+transition|gender\\s+change|chang(?:e|ed|ing)\\s+(?:your|their|his|her)\\s+gender",
    ),
    unlessAfter: /^\s+(?:from|to|into|between|across|out|effects?|times?|cues?|was\s+smooth)\b/i,
  },
  {
    characteristic: 'gender reassignment',
    proxy: true,
    pattern: words(
      '(?:a\\s+)?different\\s+name|(?:previous|old|former|birth|other)\\s+name|name\\s+on\\s+(?:your|the)\\s+(?:certificates?|documents?|id|passport|cv)|how\\s+to\\s+(?:refer\\s+to|address)\\s+(?:you|them|him|her)|which\\s+(?:toilets?|loos?|changing\\s+rooms?|facilities|dressing\\s+rooms?)\\s+(?:you|they|he|she)',
    ),
    unlessAfter: /^\s+(?:for\s+the|of\s+the)\s+(?:file|cue|scene|show|preset|channel|patch|fixture)/i,
    suggestion: 'A name, a pronoun or which facilities someone uses is never a criterion: leave it out.',
  },
  {
    characteristic: 'marriage and civil partnership',
    pattern: words(
      `unmarried|(?:prefer(?:red)?|wanted?|looking\\s+for|go\\s+with|went\\s+with|chose|choose|hire|hired|offered\\s+\\w+\\s+to)\\s+(?:a\\s+|an\\s+)?single\\s+(?:${people}|crew\\s+members?)|single\\s+(?:${people}|crew\\s+members?)\\s+(?:for|because|as|who)|(?:no|without)\\s+(?:family\\s+)?ties|(?:a|your|the)\\s+wedding\\s+(?:coming\\s+up|next|this\\s+(?:year|summer|spring|autumn|winter))|getting\\s+married`,
    ),
    unlessBefore: /\b(?:a|one|the)\s+$/i,
  },
  {
    characteristic: 'pregnancy and maternity',
    proxy: true,
    pattern: words(
      'plan(?:ning|s)?\\s+(?:a|to\\s+start\\s+a|on\\s+(?:starting\\s+)?a)\\s+family|(?:being|become|becoming|became)\\s+a\\s+(?:mum|mom|mother|dad|father|parent)',
    ),
  },
  {
    characteristic: 'race',
    pattern: words(
      '(?:british|uk|english|scottish|welsh|irish|foreign|overseas)[- ]born|born\\s+(?:in|outside)\\s+(?:the\\s+uk|britain|england|scotland|wales|this\\s+country)|born\\s+abroad|(?:mostly|mainly|all|predominantly|largely|overwhelmingly)\\s+(?:white|black|asian)',
    ),
    unlessAfter:
      /^[\s-]*(?:light|lights|lighting|LEDs?|balance|wash|washes|fixtures?|screens?|cyc|backdrop)\b/i,
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      '(?:overseas|foreign)\\s+(?:qualifications?|certificates?|certification|degrees?|training)|your\\s+(?:name|surname|first\\s+name)\\s+(?:might|could|may|would|was|is|will)\\s+(?:be\\s+)?(?:confus\\w*|hard|difficult|unusual|tricky|awkward|put)|(?:share|shared|sharing)\\s+(?:the\\s+same\\s+|a\\s+similar\\s+)?background|(?:same|similar)\\s+background\\s+as',
    ),
    suggestion: 'Where someone is from, their name or their background is never a criterion: leave it out.',
  },
  {
    characteristic: 'sex',
    pattern: words(
      '(?:a|another|the\\s+right)\\s+(?:man|fella)\\s+(?:would|could|might|will|may|is\\s+better|was\\s+better|for\\s+(?:the|this)\\s+(?:job|role))',
    ),
  },
  {
    characteristic: 'sex',
    proxy: true,
    pattern: words('(?:a\\s+bit\\s+of|some|more|enough|extra|real|the)\\s+muscle|brawn'),
    suggestion:
      'If the role has a lifting requirement, state the task and how it is done safely (manual handling, two-person lifts), for every candidate alike.',
  },
  {
    characteristic: 'sexual orientation',
    proxy: true,
    pattern: words(
      '(?:your|his|her|their)\\s+lifestyle|lifestyle\\s+choices?|(?:your|his|her|their)\\s+(?:same-sex\\s+)?partner\\s+(?:is|was)\\s+(?:a\\s+)?(?:man|woman)',
    ),
  },
  {
    characteristic: 'sexual orientation',
    proxy: true,
    // "Pride" capitalised in mid-sentence is the event; "take pride in your work" is not. The
    // venue's own Pride weekend or stage, named as work the candidate did, is not about them.
    pattern: /(?<=[\p{Ll},]\s)Pride(?![\p{L}\p{N}])/gu,
    unlessAfter: eventNoun,
  },
  {
    characteristic: 'sexual orientation',
    proxy: true,
    // …but the candidate's own part in it is about them: "your involvement with the Pride events".
    pattern: words(
      '(?:involvement|involved|links?|connections?|ties|association)\\s+(?:with|in|to)\\s+(?:the\\s+|local\\s+)?pride\\b|(?:march|marches|marched|marching|volunteer(?:s|ed|ing)?)\\s+(?:at|in|for)\\s+(?:the\\s+|local\\s+)?pride\\b',
    ),
  },
  ...framedProtectedRules,
];

export function protectedMessage(rule: ProtectedRule, phrase: string): string {
  const base = `"${phrase}" touches ${rule.characteristic}, a protected characteristic under the Equality Act 2010`;
  return rule.proxy
    ? `${base}: it is a proxy for it. Feedback that mentions it is a legal risk for the venue.`
    : `${base}. Feedback that mentions it is a legal risk for the venue.`;
}

export function protectedSuggestion(rule: ProtectedRule): string {
  return rule.suggestion ?? criterionSuggestion;
}
