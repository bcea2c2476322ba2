// Vague phrases (that say nothing a candidate can act on) and tone (absolutes and judgements without
// evidence), as pattern rules with context windows.

import { type PatternRule, words } from './patterns.ts';

export interface VagueRule extends PatternRule {
  /**
   * always: vague whatever surrounds it ("not the right fit");
   * unless-specific: vague unless its sentence names a competency ("other candidates were stronger on RF");
   * only-content: filler that is fine beside specific feedback but not instead of it ("we'll keep your CV on file").
   */
  when: 'always' | 'unless-specific' | 'only-content';
  message: string;
}

const negated = "(?:not|never|no\\s+longer|\\w+n't)";
const fitWords =
  '(?:quite|really|exactly|necessarily|entirely|always|the|a|an|right|good|great|best|ideal|natural|perfect|strong|close|obvious|suitable|clear|ideal)';

export const vagueSuggestion =
  "Name the criterion and what you saw, e.g. 'Your signal-flow fault-finding was methodical, but you could not yet explain how Dante picks its clock leader, which this role needs from day one.'";

export const vagueRules: readonly VagueRule[] = [
  {
    when: 'always',
    pattern: words(`${negated}\\s+(?:${fitWords}\\s+){1,4}fit`),
    message: '"Not the right fit" tells the candidate nothing they can act on.',
  },
  {
    when: 'always',
    pattern: words(
      "(?:better|closer|stronger|more\\s+natural|more\\s+suitable|best|right|good)\\s+fit\\s+(?:for|with)\\s+(?:us|the\\s+team|the\\s+role|this\\s+role|the\\s+position|this\\s+position|the\\s+venue|the\\s+department|what\\s+we)|(?:a|the)\\s+(?:better|closer|stronger|more\\s+natural|more\\s+suitable)\\s+fit|(?:the\\s+)?fit\\s+(?:wasn't|was\\s+not|isn't|is\\s+not)\\s+(?:quite\\s+)?(?:right|there)",
    ),
    unlessAfter:
      /^\s+(?:for|in|on)\s+(?:the\s+)?(?:bracket|rack|socket|connector|clamp|truss|yoke|slot|hole|port|case|flight\s+case|mount)\b/i,
    message: 'Saying someone else was a better fit does not tell the candidate what to improve.',
  },
  {
    when: 'always',
    pattern: words(
      `${negated}\\s+(?:\\w+\\s+){0,4}?(?:quite\\s+)?(?:the|a)\\s+(?:right|best|ideal|strongest|obvious)\\s+(?:person|candidate|choice|match|fit)`,
    ),
    message: '"Not the right person" tells the candidate nothing they can act on.',
  },
  {
    when: 'always',
    pattern: words(
      '(?:go|goes|went|gone|going|move|moved|moving|take|took|taken|taking|head|headed|heading)\\s+(?:in\\s+)?(?:a|another|an)\\s+(?:different|other|alternative|new)\\s+direction',
    ),
    // Whoever decides comes first ("we", "the panel", "decided to"): "angle the sidefill in a different direction" is not vague.
    onlyBefore:
      /\b(?:we|we've|we\s+have|we'd|we\s+had|decided\s+to|the\s+panel|the\s+team|they|to|are|were|is)\s+(?:\w+\s+){0,3}?$/i,
    message: '"Going in a different direction" hides the reason for the decision.',
  },
  {
    when: 'always',
    pattern: words(
      `${negated}\\s+(?:quite\\s+|exactly\\s+|really\\s+)?what\\s+(?:we|we're|we\\s+are|we\\s+were|the\\s+(?:team|panel|venue)\\s+(?:is|was))\\s+(?:looking\\s+for|after|need|needed|wanted)|(?:didn't|did\\s+not|doesn't|does\\s+not|don't)\\s+(?:quite\\s+|really\\s+)?(?:tick\\s+(?:all\\s+)?(?:the|our)\\s+boxes|stand\\s+out|click|gel|shine|wow\\s+us|jump\\s+out)|(?:x|wow)[- ]factor|gut\\s+(?:feeling|instinct|feel)|something\\s+(?:was\\s+)?(?:missing|lacking)|just\\s+didn't\\s+(?:feel|seem)\\s+right|not\\s+(?:quite\\s+)?(?:for\\s+us|suitable|what\\s+we\\s+had\\s+in\\s+mind)|unsuitable|on\\s+balance\\s+(?:not|we\\s+decided)`,
    ),
    message: 'This says the decision went against the candidate without saying why.',
  },
  {
    when: 'unless-specific',
    pattern: words(
      '(?:other|another|stronger|more\\s+experienced|better[- ]qualified|successful|preferred|chosen|appointed)\\s+(?:candidates?|applicants?|people)\\s+(?:who\\s+)?(?:were|was|had|have|has|are|is|proved|seemed|showed|demonstrated)?\\s*(?:\\w+\\s+){0,2}?(?:stronger|better|more\\s+(?:experienced|suitable|qualified|skilled|rounded|relevant)|a\\s+(?:better|closer|stronger)\\s+(?:match|fit)|closer\\s+to\\s+what)|(?:candidates?|applicants?|field)\\s+(?:who\\s+)?(?:were|was|had|are|is)\\s+(?:\\w+\\s+){0,2}?(?:stronger|better|more\\s+(?:experienced|suitable|qualified|skilled)|very\\s+strong|extremely\\s+strong|exceptionally\\s+strong|highly\\s+competitive)|(?:very|extremely|highly|exceptionally|incredibly|really)\\s+(?:strong|competitive)\\s+(?:field|pool|shortlist)|(?:the\\s+)?(?:standard|calibre|quality)\\s+of\\s+(?:candidates|applicants|applications|the\\s+field)\\s+was\\s+(?:very\\s+|extremely\\s+|exceptionally\\s+)?(?:high|strong)|(?:stronger|better)\\s+(?:candidates?|applicants?)',
    ),
    message: 'Comparing with other candidates without saying on what gives the candidate nothing to work on.',
  },
  {
    when: 'unless-specific',
    pattern: words(
      "(?:(?:didn't|did\\s+not|don't|do\\s+not)\\s+have|lack(?:ed|s)?|without)\\s+(?:quite\\s+)?(?:enough|the\\s+(?:right|required|necessary|level\\s+of)|sufficient|the)\\s+(?:relevant\\s+)?(?:experience|skills|skill\\s+set|skillset|background|knowledge)|(?:not\\s+enough|insufficient|limited)\\s+(?:relevant\\s+)?(?:experience|skills|knowledge)|(?:didn't|did\\s+not)\\s+(?:quite\\s+)?(?:meet|match)\\s+(?:our|the|all\\s+(?:of\\s+)?(?:our|the))\\s+(?:requirements|needs|criteria|expectations|brief|standard)|not\\s+(?:quite\\s+|yet\\s+)?(?:ready|experienced\\s+enough|strong\\s+enough)\\s+(?:for|to)",
    ),
    message: 'Which experience or skill? Without naming it the candidate cannot act on this.',
  },
  {
    when: 'unless-specific',
    pattern: words(
      "(?:experience|skills?|background|profile|qualifications)\\s+(?:(?:more|most)\\s+)?(?:closely|better|best)\\s+(?:matche[sd]|match|align(?:s|ed)?\\s+with|suit(?:s|ed)?|fit(?:s|ted)?)|(?:a\\s+)?closer\\s+match|(?:\\w+n't|not)\\s+(?:quite\\s+|yet\\s+)?(?:where|at\\s+the\\s+level)\\s+(?:we|the\\s+role|the\\s+team)\\s+(?:need|needs|needed|want|wanted|require|required|expect|expected)",
    ),
    message: 'Which experience, which level? Without naming the criterion the candidate cannot act on this.',
  },
  {
    when: 'unless-specific',
    // Advice and verdicts with no skill in them: "work on your skills", "keep working on things".
    pattern: words(
      "work\\s+on\\s+(?:your|the|those|these|some)\\s+(?:skills|weaknesses|weak\\s+(?:areas|spots)|gaps|things|areas|basics)|keep\\s+(?:working|practising|practicing|going|at\\s+it)(?:\\s+on\\s+(?:things|it|everything|your\\s+skills))?|(?:with|given|after)\\s+(?:a\\s+(?:bit|little)\\s+)?(?:more|further)\\s+experience,?\\s+(?:we\\s+think\\s+|we're\\s+sure\\s+)?you(?:'ll|\\s+will|'d|\\s+would)\\s+(?:get\\s+there|be\\s+(?:there|ready|fine))|(?:some|a\\s+few)\\s+areas\\s+(?:were|went)\\s+(?:good|well|fine|strong)\\s+and\\s+(?:some|others)|(?:your\\s+)?skills\\s+(?:weren't|were\\s+not|aren't|are\\s+not)\\s+(?:quite\\s+|yet\\s+)?(?:at\\s+the\\s+level|where|up\\s+to)|(?:were|was)\\s+fine\\s+overall",
    ),
    message: 'Which skill? Advice with no skill in it gives the candidate nothing to work on.',
  },
  {
    when: 'only-content',
    pattern: words(
      '(?:go|going|gone|went|proceed|proceeding|proceeded|move|moving|moved)\\s+(?:forward\\s+)?with\\s+(?:someone\\s+else|another\\s+(?:candidate|applicant|person)|a\\s+different\\s+(?:candidate|applicant)|other\\s+candidates|the\\s+other\\s+candidate|an?\\s+(?:internal|alternative)\\s+candidate)|(?:chosen|chose|selected|appointed|hired|offered\\s+(?:the\\s+)?(?:role|position|job)\\s+to)\\s+(?:someone\\s+else|another\\s+(?:candidate|applicant|person))',
    ),
    message: 'Announcing that someone else was chosen is fine only beside feedback the candidate can use.',
  },
  {
    when: 'only-content',
    pattern: words(
      'keep\\s+(?:your\\s+)?(?:cv|c\\.v\\.|details|application|résumé|resume)\\s+on\\s+(?:file|record)|(?:keep|bear)\\s+you\\s+in\\s+mind|(?:wish|wishing)\\s+you\\s+(?:the\\s+(?:very\\s+)?best|every\\s+success|all\\s+the\\s+best|luck|good\\s+luck)(?:\\s+(?:of\\s+luck\\s+)?(?:in|with)\\s+your\\s+(?:future|job\\s+search|search|career|endeavours))?|unsuccessful\\s+on\\s+this\\s+occasion|thank(?:s|\\s+you)\\s+(?:again\\s+)?for\\s+your\\s+(?:interest|time|application)',
    ),
    message: 'Courtesy alone is not feedback: the candidate learns nothing about their interview.',
  },
];

export interface ToneRule extends PatternRule {
  severity: 'error' | 'warning';
  message: string;
  suggestion: string;
}

const evidence =
  "Replace the judgement with what you saw and its effect, e.g. 'You restarted the console mid-show without telling the stage manager, so the next two cues went late.'";

export const toneRules: readonly ToneRule[] = [
  {
    severity: 'error',
    // Patronising, sarcastic or scornful about how the interview went: "a masterclass in how not
    // to", "quite the spectacle", "bless you, you did try", "well done you", "not everyone can keep
    // up", "a car crash", "painful to sit through", "don't pretend to know", "you just bluffed".
    pattern: words(
      "(?:a\\s+)?masterclass\\s+in\\s+how\\s+not\\s+to|quite\\s+the\\s+(?:spectacle|show|performance)|if\\s+it'?s\\s+not\\s+too\\s+much\\s+trouble|bless\\s+(?:you|him|her|them)\\b|you\\s+did\\s+try\\s+(?:so\\s+|very\\s+|really\\s+)?hard|well\\s+done\\s+you\\b|not\\s+everyone\\s+can\\s+keep\\s+up|(?:was|were|is|a|an\\s+absolute|a\\s+complete|a\\s+total|bit\\s+of\\s+a)\\s+car[- ]?crash|painful\\s+to\\s+(?:sit\\s+through|watch|listen\\s+to)|(?:don't|do\\s+not|stop|never)\\s+pretend(?:ing)?\\s+to\\s+(?:know|understand)|(?:obviously|clearly|just)\\s+bluff(?:ed|ing)|one\\s+of\\s+the\\s+worst\\b",
    ),
    message: 'talks down to the candidate: it tells them how the panel felt, not what to do next.',
    suggestion: evidence,
  },
  {
    severity: 'error',
    // Sarcasm and put-downs about where the candidate belongs: "which is something, I suppose",
    // "better off sticking to pub gigs", "come back when you actually understand…".
    pattern: words(
      "(?:which|that)\\s+is\\s+something,?\\s+I\\s+(?:suppose|guess)|(?:is|was)\\s+something,\\s+I\\s+(?:suppose|guess)|(?:you'd|you\\s+would|you'll|you\\s+will)\\s+be\\s+better\\s+off\\s+(?:sticking|staying|going\\s+back)\\s+(?:to|with|at)|come\\s+back\\s+when\\s+you\\s+(?:actually|really|finally|properly)|(?:clearly|obviously)\\s+(?:overwhelmed|out\\s+of\\s+your\\s+depth|beyond\\s+you)",
    ),
    message: 'is sarcasm or a put-down: it tells the candidate where they belong, not what to do next.',
    suggestion: evidence,
  },
  {
    severity: 'error',
    // Scorn for what the candidate knew or did: "your lighting knowledge was embarrassing", "we were
    // shocked at how little you knew", "it's basic stuff", "work on your attitude".
    pattern: words(
      "(?:you(?:r\\s+[\\w-]+(?:\\s+[\\w-]+)?)?|it|that|this)\\s+(?:was|were|is|are)\\s+(?:frankly\\s+|quite\\s+|pretty\\s+|really\\s+|genuinely\\s+|a\\s+bit\\s+|honestly\\s+)?(?:embarrassing|laughable|pathetic|a\\s+joke|cringeworthy|cringe)|(?:shocked|stunned|astonished|appalled|horrified|staggered|gobsmacked)\\s+(?:at|by)\\s+(?:how\\s+(?:little|poor|weak|bad|badly)|your)|(?:it's|it\\s+is|that's|that\\s+is|really|pretty|very)\\s+basic\\s+stuff|basic\\s+stuff,?\\s+really|(?:work\\s+on|improve|fix|change|sort\\s+out|adjust|check)\\s+your\\s+attitude|humility(?:\\s+training)?|(?:learn|need)\\s+(?:some\\s+)?manners",
    ),
    message: 'is scorn, not feedback: it tells the candidate how we felt about them, not what to do.',
    suggestion: evidence,
  },
  {
    severity: 'error',
    pattern: words(
      "(?:you(?:'re|\\s+are|\\s+were|\\s+seemed|\\s+seem|\\s+came\\s+across\\s+as|\\s+come\\s+across\\s+as|\\s+looked|\\s+appeared)\\s+(?:a\\s+bit\\s+|quite\\s+|rather\\s+|very\\s+|too\\s+|really\\s+|simply\\s+|just\\s+|frankly\\s+|a\\s+|an\\s+)*(?:lazy|stupid|idiotic|incompetent|useless|hopeless|clueless|arrogant|rude|thick|dim|dense|unprofessional|unintelligent|unemployable|a\\s+liability|out\\s+of\\s+your\\s+depth|nightmare|headache|pain(?:\\s+to\\s+work\\s+with)?|disaster|joke))|(?:poor|bad|negative|awful|terrible|lazy|difficult|wrong)\\s+attitude|attitude\\s+problem|not\\s+(?:very\\s+|particularly\\s+|that\\s+)?(?:intelligent|bright|clever|smart|capable\\s+of\\s+learning)|(?:didn't|did\\s+not|don't|doesn't|do\\s+not)\\s+(?:seem|come\\s+across\\s+as|strike\\s+(?:us|me)\\s+as)\\s+(?:very\\s+|particularly\\s+|that\\s+|terribly\\s+|the\\s+most\\s+)?(?:bright|intelligent|clever|smart|sharp)|(?:lacks?|lacked|no)\\s+(?:common\\s+sense|intelligence|brains?)|(?:seemed|seem|were|was|came\\s+across\\s+as|come\\s+across\\s+as|looked|appeared)\\s+(?:a\\s+bit\\s+|quite\\s+|rather\\s+|very\\s+|completely\\s+|totally\\s+)?(?:disinterested|uninterested|unmotivated|bored|indifferent|unenthusiastic|half-hearted)|(?:couldn't|could\\s+not)\\s+be\\s+bothered|(?:didn't|did\\s+not)\\s+(?:seem\\s+to\\s+|really\\s+)?care",
    ),
    message: 'is a judgement of the person, with no evidence: the candidate can only dispute it.',
    suggestion: evidence,
  },
  {
    severity: 'error',
    // "Poor" as a verdict on the person or their work, with nothing to act on: "your cabling was poor",
    // "a poor interview", "poor performance". Not "poor signal", "poor reception" (the kit's state).
    pattern: words(
      `(?:you(?:r\\s+[\\w-]+(?:\\s+[\\w-]+)?)?|it|that|this|performance|interview|practical|work|answers?|attempt|effort|showing)\\s+(?:was|were|is|are|seemed|looked)\\s+(?:very\\s+|quite\\s+|really\\s+|pretty\\s+|rather\\s+|frankly\\s+)?(?:poor|weak|bad|rubbish|substandard|not\\s+good\\s+enough)|(?:a|an|your|very|really|quite|pretty)\\s+(?:poor|bad|weak|rubbish)\\s+(?:interview|performance|showing|effort|attempt|candidate|technician|communicator|listener|answer|practical|day)|(?:you(?:'re|\\s+are|\\s+were|\\s+seemed|\\s+came\\s+across\\s+as)\\s+(?:a\\s+bit\\s+|quite\\s+|rather\\s+|very\\s+|too\\s+|far\\s+|way\\s+|so\\s+|much\\s+|a\\s+little\\s+)*(?:cocky|overconfident|over-confident|big-headed|full\\s+of\\s+yourself|smug|condescending|patronising|rude|sloppy|careless|slapdash|a\\s+know-it-all|a\\s+joke|a\\s+waste\\s+of\\s+(?:our\\s+)?time))`,
    ),
    message: 'is a verdict on the candidate, not evidence: say what you saw and what it affected.',
    suggestion: evidence,
  },
  {
    severity: 'error',
    // Brush-offs: an order with no course, no gap and no reason. Not a next step.
    pattern: words(
      "(?:just\\s+)?(?:go\\s+(?:away\\s+)?and|go\\s+away\\s+and|you\\s+(?:need|should|must)\\s+(?:to\\s+)?(?:just\\s+)?go\\s+and)\\s+(?:do|take|get|learn|read|practise|practice|find)\\s+(?:a|some|an|the|more|it|your|how)(?:\\s+[\\w-]+){0,2}|(?:come\\s+back|reapply|re-apply|apply\\s+again)\\s+when\\s+you(?:'ve|\\s+have)?\\s+(?:actually\\s+|properly\\s+)?(?:learned|learnt|got|know|sorted|grown\\s+up|some\\s+experience)(?:\\s+[\\w-]+){0,3}|(?:sort\\s+(?:yourself|it)\\s+out|do\\s+your\\s+homework|learn\\s+the\\s+basics|get\\s+some\\s+experience)(?=\\s*(?:[.!]|$|first|then))",
    ),
    message: 'is a brush-off, not a next step: name the gap, a course or practice that fits it, and why.',
    suggestion:
      "Give one concrete step, e.g. 'The Shure Wireless Workbench course — Shure — would give you a method for frequency co-ordination.'",
  },
  {
    severity: 'warning',
    // Blunt evidence: a fact told as a judgement ("you swapped cables at random").
    pattern: words(
      'at\\s+random|randomly|blindly|aimlessly|haphazardly|without\\s+(?:a\\s+)?(?:clue|thought|thinking)|(?:panicked|flapped|floundered|waffled|rambled|bluffed|fumbled)',
    ),
    message: 'states the fact as a judgement: say what was done and what a method would have been.',
    suggestion:
      "Keep the fact, drop the judgement, e.g. 'You swapped cables without first isolating the channel, so the fault took longer to find.'",
  },
  {
    severity: 'warning',
    pattern: words(
      'terrible|awful|appalling|dreadful|pathetic|shocking|disgraceful|atrocious|abysmal|lazy|sloppy|useless|hopeless|clueless|a\\s+(?:complete\\s+|total\\s+)?(?:disaster|shambles|mess)|embarrassing|all\\s+over\\s+the\\s+place|hit\\s+and\\s+miss',
    ),
    message: 'is a harsh judgement: without the evidence it reads as an opinion, not feedback.',
    suggestion: evidence,
  },
  {
    severity: 'warning',
    pattern: words(
      "you\\s+(?:clearly|obviously|simply|totally|completely|fundamentally)\\s+(?:lack(?:ed)?|don't|do\\s+not|didn't|did\\s+not|can't|cannot|couldn't|could\\s+not|have\\s+no|had\\s+no|are\\s+not|aren't|were\\s+not|weren't)|you\\s+never|you\\s+(?:always|constantly|continually|repeatedly)\\s+(?:\\w+\\s+)?(?:fail|failed|forget|forgot|miss|missed|rush|rushed|interrupt|interrupted|ignore|ignored|overcomplicate|panic|panicked|guess|guessed|assume|assumed|got\\s+(?:it\\s+)?wrong)|(?:(?:you\\s+)?(?:have|had|showed|show|has)\\s+)?(?:no|zero)\\s+(?:idea|clue|understanding|grasp|knowledge|concept)\\b|(?:complete|total|utter|absolute)\\s+(?:lack|failure|inability|incompetence)|(?:everything|nothing)\\s+(?:you\\s+did\\s+)?(?:was|went)\\s+(?:wrong|right)",
    ),
    message: 'is an absolute: it overstates what one interview can show.',
    suggestion:
      "Say what happened and how often, e.g. 'In the practical you did not check the clock source before re-patching, twice.'",
  },
];

/** A sentence that orders the candidate off with no gap or course named ("Go and do a course."). */
export const brushOffPattern =
  /^\W*(?:just\s+)?(?:go\s+(?:away\s+)?and|you\s+(?:need|should|must)\s+(?:to\s+)?(?:just\s+)?go\s+and)\s+(?:do|take|get|learn|read|practise|practice|find)\s+(?:a|some|an|more|it|how)\b(?:\s+[\w-]+){0,2}\W*$/i;
