// Protected characteristics said through a frame rather than a keyword: an identity after "being"
// or "as a", a nationality or a country of origin, a comparison with a verb between ("is a good deal
// younger"), the stage of a career, pregnancy dates, names and pronouns, build. Kept apart from
// protected.ts so each family reads in one place; every rule here is an error like the rest.

import { eventNoun, personNouns as people, words } from './patterns.ts';
import type { ProtectedRule } from './protected.ts';

// Nationalities, ethnic and national origins as adjectives or nouns for a person ("being Nigerian").
const demonyms =
  'afghan|albanian|algerian|american|angolan|argentin(?:e|ian)|armenian|australian|austrian|bangladeshi|belarusian|belgian|bolivian|bosnian|brazilian|bulgarian|burmese|cambodian|cameroonian|canadian|chilean|chinese|colombian|congolese|croatian|cuban|cypriot|czech|danish|dutch|ecuadorian|egyptian|eritrean|estonian|ethiopian|filipin[oa]|finnish|french|gambian|georgian|german|ghanaian|greek|guyanese|hungarian|icelandic|indian|indonesian|iranian|iraqi|irish|israeli|italian|ivorian|jamaican|japanese|jordanian|kenyan|korean|kosovan|kurdish|latvian|lebanese|libyan|lithuanian|malaysian|maltese|mexican|moldovan|moroccan|nepalese|nepali|nigerian|norwegian|pakistani|palestinian|peruvian|polish|portuguese|romanian|russian|rwandan|saudi|senegalese|serbian|sierra\\s+leonean|singaporean|slovak|slovenian|somali|south\\s+african|spanish|sri\\s+lankan|sudanese|swedish|swiss|syrian|taiwanese|tamil|tanzanian|thai|tunisian|turkish|ugandan|ukrainian|venezuelan|vietnamese|yemeni|zambian|zimbabwean|black|white|asian|brown|mixed[- ]race|african|caribbean|arab|latino|latina|hispanic|romany|roma|gypsy|traveller|eastern\\s+european|european|foreign|non[- ]british|british|english|scottish|welsh|northern\\s+irish';

const countries =
  'afghanistan|albania|algeria|america|the\\s+us|the\\s+usa|argentina|australia|bangladesh|brazil|bulgaria|canada|chile|china|colombia|congo|croatia|cuba|czechia|the\\s+czech\\s+republic|egypt|eritrea|estonia|ethiopia|france|germany|ghana|greece|hungary|india|indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|kenya|korea|latvia|lebanon|libya|lithuania|malaysia|mexico|moldova|morocco|nepal|nigeria|pakistan|palestine|the\\s+philippines|poland|portugal|romania|russia|saudi\\s+arabia|serbia|sierra\\s+leone|slovakia|somalia|south\\s+africa|spain|sri\\s+lanka|sudan|syria|thailand|turkey|uganda|ukraine|vietnam|yemen|zimbabwe|africa|asia|eastern\\s+europe|europe|the\\s+caribbean|the\\s+middle\\s+east|south\\s+america|abroad|overseas';

// Someone described by what they are: "being X", "as an X", "you're X", "he is X".
const identityFrame =
  "(?:being|as\\s+an?|you(?:'re|\\s+are)|(?:he|she|they)(?:'s|'re|\\s+is|\\s+are))\\s+(?:(?:a|an|quite|very|so|openly|visibly|obviously)\\s+)*";

const degreeOfDifference =
  '(?:a\\s+(?:good|great)\\s+deal|a\\s+(?:lot|bit|little|fair\\s+bit)|much|far|way|considerably|significantly|noticeably|slightly|somewhat|rather|quite\\s+a\\s+bit|(?:a\\s+few|some|many|\\w+|\\d+)\\s+years|years|decades)\\s+';

export const framedProtectedRules: readonly ProtectedRule[] = [
  // ── Race: a nationality or an origin ──────────────────────────────────────────────────────────
  {
    characteristic: 'race',
    pattern: words(`${identityFrame}(?:${demonyms})s?(?=\\s*(?:[,.;:!?]|and\\b|so\\b|or\\b|$))`),
  },
  {
    characteristic: 'race',
    pattern: words(
      `(?:you|your\\s+(?:family|parents|people))\\s+(?:are|were|come|came|originate[sd]?)\\s+(?:originally\\s+)?from\\s+(?:${countries})|(?:qualifications?|degrees?|training|certificates?|certification|diplomas?|experience)\\s+(?:(?:is|are|was|were)\\s+)?(?:(?:gained|obtained|earned)\\s+)?(?:from|in)\\s+(?:${countries})(?![\\p{L}])`,
    ),
    unlessAfter: /^[\s-]*(?:tours?|festivals?|venues?|productions?|shows?|arenas?)\b/i,
    suggestion: 'Where someone or their training is from is never a criterion: leave it out.',
  },
  {
    characteristic: 'race',
    proxy: true,
    // "someone from your background" (not "your background in theatre").
    pattern: words(
      '(?:from|of)\\s+(?:your|his|her|their|a\\s+(?:similar|different|minority|diverse))\\s+(?:background|heritage|roots|origins|community|communities)',
    ),
    unlessAfter: /^\s+(?:in|as|at|with|on|of)\b/i,
    suggestion: 'Where someone is from, their name or their background is never a criterion: leave it out.',
  },
  // ── Sex: an identity in a frame, and build ────────────────────────────────────────────────────
  {
    characteristic: 'sex',
    pattern: words(
      `(?:being|you(?:'re|\\s+are))\\s+(?:an?\\s+(?:man|woman|male|female|girl|lad|bloke|guy|lady)|(?:female|male)\\b)|fellas?|as\\s+(?:the\\s+only|one\\s+of\\s+the\\s+few)\\s+(?:man|woman|men|women|female|male)`,
    ),
  },
  {
    characteristic: 'sex',
    proxy: true,
    pattern: words(
      'petite|dainty|slight(?:ly)?[- ](?:build|built|frame)|small[- ](?:build|built|framed)|(?:your|his|her|their)\\s+(?:size|height|stature|physique|figure|frame)',
    ),
    unlessAfter: /^[\s-]*(?:rates?|of|counter|numbers?|settings?)\b/i,
    suggestion:
      'If the role has a lifting requirement, state the task and how it is done safely (manual handling, two-person lifts), for every candidate alike.',
  },
  // ── Age: comparisons with a verb between, the stage of a career, a generation ─────────────────
  {
    characteristic: 'age',
    pattern: words(
      `(?:is|are|was|were|be|being|seems?|seemed|looks?|looked|sounds?|sounded)\\s+(?:${degreeOfDifference})?(?:younger|older)(?=\\s*(?:[,.;:!?)]|than\\b|and\\b|so\\b|but\\b|which\\b|who\\b|we\\b|$))`,
    ),
    // A person is the subject: a pronoun or a person noun earlier in the sentence.
    onlyBefore: new RegExp(`\\b(?:you|he|she|they|who|someone|somebody|${people})\\b[^.!?]{0,45}$`, 'i'),
    suggestion:
      'Compare what the candidates did against the criteria, never who they are: leave the comparison out and name the criterion.',
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      '(?:someone|somebody|a\\s+person|people|a\\s+man|a\\s+woman|candidates?|applicants?)\\s+(?:of|at)\\s+(?:your|his|her|their)\\s+(?:years|generation|vintage|time\\s+of\\s+life)|of\\s+your\\s+(?:years|generation|vintage)|your\\s+generation|fresh(?:er)?[- ]faced?|(?:new|young|fresh)\\s+blood|(?:winding|wind|winds)\\s+down\\s+(?:towards?|to|into|in|before)|(?:end|twilight|tail[- ]end|close|autumn)\\s+of\\s+(?:your|his|her|their|a)\\s+(?:career|working\\s+life)|(?:later|latter|final)\\s+(?:years|stages?)\\s+of\\s+(?:your|his|her|their)\\s+(?:career|working\\s+life)',
    ),
  },
  // ── Gender reassignment: pronouns, a changed name, papers that do not match ───────────────────
  {
    characteristic: 'gender reassignment',
    proxy: true,
    pattern: words(
      "pronouns?|(?:a\\s+|your\\s+|their\\s+|his\\s+|her\\s+)?(?:new|changed)\\s+name|name\\s+change|chang(?:e|ed|ing)\\s+(?:your|their|his|her)\\s+name|names?\\s+(?:on|in)\\s+(?:your|their|his|her)\\s+(?:\\S+\\s+){0,3}?(?:did\\s+not|didn't|does\\s+not|doesn't|do\\s+not|don't|may\\s+not|might\\s+not)\\s+match",
    ),
    unlessAfter: /^\s+(?:for\s+the|of\s+the|on\s+the\s+(?:desk|console|file|cue))\b/i,
    suggestion: 'A name, a pronoun or which facilities someone uses is never a criterion: leave it out.',
  },
  // ── Marriage: being without a partner ─────────────────────────────────────────────────────────
  {
    characteristic: 'marriage and civil partnership',
    pattern: words(
      `unattached|footloose|(?:no|without)\\s+(?:family\\s+)?ties|(?:without|no)\\s+(?:a\\s+)?(?:partner|other\\s+half|family)\\s+(?:at\\s+home|to\\s+(?:go\\s+)?home\\s+to)`,
    ),
  },
  // ── Pregnancy: dates, birth, feeding ──────────────────────────────────────────────────────────
  {
    characteristic: 'pregnancy and maternity',
    pattern: words(
      "(?:you(?:'re|\\s+are|\\s+were)|she(?:'s|\\s+is|\\s+was)|they(?:'re|\\s+are))\\s+(?:(?:now|only|just)\\s+)?due\\s+(?:in|on|at|around|next|this|any|soon|to\\s+give\\s+birth|(?:in\\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december))|due\\s+date|giv(?:e|ing)\\s+birth|childbirth|(?:express(?:ing)?|pump(?:ing)?)\\s+(?:breast\\s+)?milk|nursing\\s+mothers?|morning\\s+sickness|ante-?natal|pre-?natal|post-?natal|midwi(?:fe|ves)",
    ),
  },
  // ── Second round of families (after fresh-2 was read; fresh-3 measured them blind) ────────────
  {
    characteristic: 'race',
    pattern: words(
      `(?:being|coming|comes?|came|you(?:'re|\\s+are)|as\\s+someone)\\s+(?:originally\\s+)?from\\s+(?:${countries})(?![\\p{L}])|(?:${demonyms})\\s+(?:community|communities|heritage|descent|origins?|background|roots|parents|family|ancestry)|born\\s+and\\s+(?:raised|bred)|(?:raised|brought\\s+up|grew\\s+up)\\s+locally|locally[- ]born`,
    ),
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      '(?:your|his|her|their)\\s+(?:first\\s+|last\\s+|sur)?names?\\s+(?:\\S+\\s+){0,3}?(?:difficult|hard|tricky|impossible|awkward)\\s+to\\s+(?:pronounce|say|spell|remember)|pronounc\\w*\\s+(?:your|his|her|their)\\s+(?:sur)?name|(?:your|his|her|their|a|an)\\s+(?:\\w+\\s+)?accent(?!\\s+(?:colou?rs?|lights?|lighting|wash|fixtures?|lamps?|LEDs?))|speak\\s+with\\s+an?\\s+\\w+\\s+accent',
    ),
    suggestion: 'Where someone is from, their name or their accent is never a criterion: leave it out.',
  },
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      '(?:closer|close|nearer|similar|younger|older)\\s+in\\s+age|age\\s+(?:range|profile|group|bracket|gap)|(?:point|time|stage)\\s+(?:in|of)\\s+(?:your|his|her|their)\\s+life|gr(?:ew|own|owing)\\s+up\\s+with\\s+(?:tablets|smartphones|phones|computers|the\\s+internet|apps|technology|screens|social\\s+media)',
    ),
  },
  {
    characteristic: 'disability',
    pattern: words(
      "tremors?|(?:a|your|his|her|their)\\s+limp|limping|arthriti(?:s|c)|parkinson'?s|multiple\\s+sclerosis|cancer|chemo(?:therapy)?|chronic\\s+(?:pain|fatigue|illness|condition)|migraines?|fibromyalgia|(?:partially|profoundly|hard\\s+of)\\s+(?:deaf|hearing)|deafness|(?:your|his|her|their)\\s+(?:hearing|eyesight|sight|mobility|condition|diagnosis)|(?:need|needs|needed|have|has)\\s+to\\s+(?:sit\\s+down|lie\\s+down|rest)\\s+(?:regularly|often|every|a\\s+lot)",
    ),
    unlessAfter: /^[\s-]*(?:protection|tests?|defenders?)\b/i,
  },
  {
    characteristic: 'gender reassignment',
    pattern: words(
      'cis[- ]?gender|(?:born|assigned)\\s+(?:a\\s+)?(?:female|male|a\\s+(?:man|woman|girl|boy))|(?:born|assigned)\\s+(?:female|male)\\s+at\\s+birth',
    ),
  },
  {
    characteristic: 'marriage and civil partnership',
    pattern: words('newly[- ]?weds?|newlyweds?|just\\s+(?:got\\s+)?married'),
  },
  {
    characteristic: 'pregnancy and maternity',
    pattern: words(
      'expecting\\s+(?:a|an|your|their|her|his|our)\\s+(?:\\w+\\s+)?(?:baby|child|kid)|little\\s+ones?|(?:(?:a\\s+)?(?:few|\\w+)\\s+)?(?:weeks|months)[- ]old\\s+(?:baby|child|son|daughter|twins)|(?:new|first[- ]time|young|single)\\s+(?:mother|mum|mom|father|dad|parent)s?',
    ),
  },
  {
    characteristic: 'religion or belief',
    pattern: words(
      'crucifix|hijab|headscarf|headscarves|niqab|burqa|burka|turban|kippah|yarmulke|skull\\s*cap|rosary|(?:cross|crucifix|pendant|symbol|beads)\\s+(?:you|he|she|they)\\s+wear|religious\\s+(?:dress|symbols?|jewellery|holidays?|festivals?)|diwali|eid|ramadan|passover|yom\\s+kippur|sabbath|shabbat',
    ),
    unlessAfter: eventNoun,
  },
  {
    characteristic: 'sexual orientation',
    proxy: true,
    pattern: words(
      '(?:you|he|she|they)\\s+(?:(?:have|has|had)\\s+)?c(?:ame|ome)\\s+out(?=\\s+(?:at|to|as|publicly|recently|last|when|while|in\\s+your)\\b|\\s*[,.;])|coming\\s+out\\s+(?:as|to)|(?:same[- ]sex|gay|lesbian)\\s+(?:partner|couple|relationship)|(?:his|her|their)\\s+private\\s+life',
    ),
  },
  // ── Third round (after fresh-5 was measured blind; see the independent corpus README) ──────────
  {
    characteristic: 'age',
    proxy: true,
    pattern: words(
      '(?:further|later|well)\\s+(?:on|along|into)\\s+(?:in\\s+)?(?:your|his|her|their)\\s+careers?|(?:fresher|younger)\\s+pairs?\\s+of\\s+(?:hands|legs|eyes)|(?:your|his|her|their)\\s+energy\\s+levels?|energy\\s+levels?\\s+(?:would|might|may|could)\\s+(?:not\\s+)?be',
    ),
  },
  {
    characteristic: 'gender reassignment',
    pattern: words(
      "(?:your|his|her|their)\\s+(?:previous|former|old|birth|legal|original)\\s+(?:(?:male|female|first)\\s+)?names?|(?:previous|former|old)\\s+(?:male|female)\\s+names?|(?:name|gender)\\s+on\\s+(?:your|the)\\s+(?:cards?|certificates?|passport|documents?)\\s+(?:does\\s+not|doesn't|didn't|did\\s+not)\\s+match",
    ),
  },
  {
    characteristic: 'race',
    proxy: true,
    pattern: words(
      '(?:a|the)\\s+name\\s+like\\s+(?:yours|his|hers|theirs)|(?:your|his|her|their)\\s+(?:first\\s+|last\\s+|sur)?name\\s+(?:\\S+\\s+){0,4}?(?:raise|put\\s+off|worry|confuse|concern)\\w*',
    ),
    suggestion: 'A candidate’s name is never a criterion: leave it out.',
  },
  {
    characteristic: 'religion or belief',
    pattern: words(
      "jumm?ah|jumu'?ah|namaz|hanukk?ah|chanukah|vaisakhi|gurdwara|mosque|synagogue|church(?=\\s+(?:on|every|service|commitments?))|(?:don't|do\\s+not|doesn't|does\\s+not|didn't|won't|wouldn't)\\s+(?:celebrate|observe|keep|mark)\\s+(?:christmas|easter|diwali|eid|hanukk?ah|the\\s+holidays)",
    ),
    unlessAfter: /^\s+(?:hall|roof|tower|acoustics?|venue|gig|job|show)\b/i,
  },
  {
    characteristic: 'sex',
    pattern: words(
      '(?:went|go|going|gone)\\s+with\\s+(?:a|another)\\s+(?:man|woman|bloke|lad|girl|guy|lady|male|female)\\b|(?:chose|picked|hired|appointed|wanted|needed|prefer(?:red)?)\\s+(?:a|another)\\s+(?:man|woman|bloke|lad|girl|guy|lady)\\b',
    ),
  },
  // ── Fourth round (after fresh-6 was measured blind; see the independent corpus README) ─────────
  {
    characteristic: 'age',
    proxy: true,
    // "someone born after the millennium", "born in the nineties".
    pattern: words(
      '(?:someone|somebody|a\\s+candidate|people|you\\s+were|(?:he|she|they)\\s+(?:was|were))\\s+born\\s+(?:after|before|in|around|since)\\s+(?:the\\s+)?(?:millennium|(?:19|20)\\d0s|(?:19|20)\\d\\d|(?:sixties|seventies|eighties|nineties|noughties)|\\d0s)',
    ),
  },
  {
    characteristic: 'disability',
    proxy: true,
    // Health and neurodivergence by euphemism: "fighting fit", "your bad days", "wired differently".
    pattern: words(
      "(?:fully\\s+|physically\\s+|not\\s+)?fighting\\s+fit|(?:your|his|her|their)\\s+['‘]?bad\\s+days['’]?|(?:need|needing|needs|needed)\\s+to\\s+pace\\s+(?:yourself|himself|herself|themselves)|wired\\s+(?:a\\s+(?:bit|little)\\s+)?differently|(?:needing|needs|need|needed|asked\\s+for|use\\s+of)\\s+(?:a\\s+|the\\s+)?quiet\\s+room|(?:that|this|the)\\s+kind\\s+of\\s+baggage",
    ),
  },
  {
    characteristic: 'gender reassignment',
    pattern: words(
      'mid[- ]transition|(?:going|gone|went|been)\\s+through\\s+(?:a\\s+|the\\s+|your\\s+)?transition|(?:change|changes|changing)\\s+of\\s+(?:name\\s+and\\s+)?(?:identity|gender)|chang(?:e|ed|ing)\\s+(?:your|his|her|their)\\s+(?:identity|gender)',
    ),
  },
  {
    characteristic: 'pregnancy and maternity',
    proxy: true,
    // "your happy news due over the summer", "with the baby on the way".
    pattern: words(
      '(?:your|the|her|their)\\s+(?:happy|good|exciting|big|lovely)\\s+news\\s+(?:(?:is|being)\\s+)?(?:due|arriving|expected|coming)|(?:a|the|your)\\s+baby\\s+on\\s+the\\s+way',
    ),
  },
  {
    characteristic: 'race',
    // "as a Polish national", "being a foreign national", "EU citizens" (not the Welsh National Opera).
    pattern: words(
      `(?:as|being)\\s+(?:an?\\s+)?(?:${demonyms})\\s+(?:national|citizen|passport\\s+holder)|(?:${demonyms}|eu|non[- ]eu)\\s+(?:nationals|citizens|passport\\s+holders)`,
    ),
  },
];
