package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// This file loads the matcher's curated vocabulary (vocab/lexicon.toml): colloquial
// spellings, stop words, language markers and the bilingual concept table.

// The vocabulary itself is data: vocab/lexicon.toml, embedded and validated when
// the package loads. These are its tables, read-only afterwards.
var (
	lexData        = mustLexicon(lexiconTOML)
	colloquial     = lexData.Colloquial
	stopEN         = setOfList(lexData.Stopwords.EN)
	stopID         = setOfList(lexData.Stopwords.ID)
	markersEN      = setOfList(lexData.Markers.EN)
	markersID      = setOfList(lexData.Markers.ID)
	entityConcepts = setOfList(lexData.Entities)
	concepts       = lexData.concepts()
	questionWordID = setOfList(lexData.QuestionWordsID)
	claimMarkers   = setOfList(lexData.ClaimMarkers)
	claimPhrases   = splitPhrases(lexData.ClaimPhrases)
	claimLeadIns   = setOfList(lexData.ClaimLeadIns)
	compareAsks    = lexData.CompareAsks
	compareOrder   = lexData.CompareOrder
	lifeTopics     = setOfList(lexData.LifeTopics)
	reasonMarkers  = lexData.ReasonMarkers
	listMarkers    = setOfList(lexData.ListMarkers)
	countedNouns   = setOfList(lexData.CountedNouns)
	claimLeads     = setOfList(lexData.ClaimDetailLeads)
	claimDateWords = setOfList(lexData.ClaimDateWords)
	claimTags      = lexData.ClaimTags
	claimTailWords = setOfList(lexData.ClaimTailWords)
	countLimits    = setOfList(lexData.ClaimCountLimits)
	agentLead      = setOfList(lexData.ClaimAgentLeads)
	agentConcepts  = setOfList(lexData.ClaimAgents)
	mannerConcepts = setOfList(lexData.ClaimManners)
	statusWords    = setOfList(lexData.ClaimStatusWords)
	interrogatives = setOfList(lexData.Interrogatives)
	whichBefore    = setOfList(lexData.Which.Before)
	whichAfter     = setOfList(lexData.Which.After)
	whichPlural    = setOfList(lexData.Which.Plural)
	whichNumber    = setOfList(lexData.Which.Number)
	whichLead      = setOfList(lexData.Which.Lead)
	whichRelative  = setOfList(lexData.Which.Relative)
	kindNouns      = lexData.Which.Nouns
	nounSymbols    = lexData.Which.Symbols
	describePlaces = setOfList(lexData.Describe.Places)
	// The premise check's words (premise.go): ordinal words and numbers,
	// the heads of a treaty-like instrument's name, and capitalised words
	// that do not name an instrument of their own.
	ordinalNumbers    = lexData.Premise.Ordinals
	instrumentHeads   = setOfList(lexData.Premise.InstrumentHeads)
	genericQualifiers = setOfList(lexData.Premise.GenericQualifiers)
	// nameBreaks are the one-word compare_connectives ("sama", "vs", "atau"): a
	// word joining two things ends the name of either (premise.go).
	nameBreaks = func() map[string]bool {
		out := map[string]bool{}
		for _, c := range lexData.CompareConnectives {
			if w := strings.TrimSuffix(c, "."); !strings.Contains(w, " ") {
				out[w] = true
			}
		}
		return out
	}()
	partNouns        = setOfList(lexData.Premise.PartNouns)
	seriesAngleTerms = setOfList(lexData.Premise.SeriesAngles)
	normWords        = setOfList(lexData.NormWords)
	normNouns        = setOfList(lexData.NormOrdinals.Nouns)
	ordinalTimeWords = setOfList(lexData.NormOrdinals.TimeWords)
	normPartitive    = setOfList(lexData.NormOrdinals.Partitive)
	normPlurals      = setOfList(lexData.NormOrdinals.Plurals)
	normNumberWords  = setOfList(lexData.NormOrdinals.NumberWords)
	glossaryLeads    = lexData.Glossary.LeadIns
	glossaryTails    = lexData.Glossary.TailOuts
	// identifyPhrases are the [describe] identify phrases, as token sequences.
	identifyPhrases = phraseTokens(lexData.Describe.Identify)
	chairWords      = setOfList(lexData.Describe.Chaired)
	proposedWords   = lexData.Describe.Proposed
	membersAll      = setOfList(lexData.Describe.MembersAll)
	membersOpen     = setOfList(lexData.Describe.MembersOpen)
	membersLimited  = setOfList(lexData.Describe.MembersLimited)
	membersNouns    = setOfList(lexData.Describe.MembersNouns)
	membersGroup    = setOfList(lexData.Describe.MembersGroup)
	seriesNot       = setOfList(lexData.Describe.SeriesNot)
	seriesSense     = setOfList(lexData.Describe.SeriesSense)
	seriesNouns     = lexData.Describe.SeriesNouns
	seriesSkip      = lexData.Describe.SeriesSkip
	firstLead       = setOfList(lexData.Describe.FirstLead)
	lastLead        = setOfList(lexData.Describe.LastLead)
	firstTail       = setOfList(lexData.Describe.FirstTail)
	lastTail        = setOfList(lexData.Describe.LastTail)
)

//go:embed vocab/lexicon.toml
var lexiconTOML []byte

// lexiconFile is vocab/lexicon.toml.
type lexiconFile struct {
	Colloquial map[string]string `toml:"colloquial"`
	Stopwords  struct {
		EN []string `toml:"en"`
		ID []string `toml:"id"`
	} `toml:"stopwords"`
	Markers struct {
		EN []string `toml:"en"`
		ID []string `toml:"id"`
	} `toml:"markers"`
	Entities []string `toml:"entities"`
	// FrameConcepts and GenericNouns are concept keys: what a question asks of a
	// subject, and a kind of thing that is a subject unless pointed back at (reading.go).
	FrameConcepts []string `toml:"frame_concepts"`
	GenericNouns  []string `toml:"generic_nouns"`
	// QuestionWordsID are Indonesian question words a chat spelling may stand
	// for ("kpn" → "kapan"): evidence that the message is Indonesian.
	QuestionWordsID []string `toml:"question_words_id"`
	// ClaimMarkers turn a statement into a question about whether it holds
	// ("… 2015 kan?", "bukannya …", "… right?"): its year is part of the claim
	// being checked, not a sure pointer to the fact that answers (retrieval.go).
	ClaimMarkers []string `toml:"claim_markers"`
	// ClaimPhrases open a claim the student repeats from somewhere ("I read
	// that …", "katanya …", "denger-denger …"): the message checks what follows
	// as a tag would, though no tag ends it.
	ClaimPhrases []string `toml:"claim_phrases"`
	// ClaimLeadIns open a clause that states a premise before the question
	// proper ("karena OEWG kedua dipimpin X, siapa …"): the premise may be the
	// mistake, and the question after the comma is asked on its own (claim.go).
	ClaimLeadIns []string `toml:"claim_lead_ins"`
	// CompareAsks ask whether two named things are the same, or which came
	// first ("X sama Y sama gak", "mana yang lebih dulu, X atau Y"): the message
	// compares them though it holds no word of difference (premise.go).
	CompareAsks []string `toml:"compare_asks"`
	// CompareOrder ask which of the compared things came first ("mana yg
	// duluan", "which is older"): the answer says which, by date (premise.go).
	CompareOrder []string `toml:"compare_order"`
	// CompareConnectives join the two sides of a comparison; CompareFrame are the
	// words that ask for the comparison itself (premise.go). Order is kept.
	CompareConnectives []string `toml:"compare_connectives"`
	CompareFrame       []string `toml:"compare_frame"`
	// LifeTopics are the student's own life (exams, classes): a message whose only
	// subject is one is not a follow-up (reading.go).
	LifeTopics []string `toml:"life_topics"`
	// ReasonMarkers are words and phrases with which an answer gives a reason
	// ("because", "karena", "could not agree"): such a fact answers "why" (why.go).
	ReasonMarkers []string `toml:"reason_markers"`
	// ListMarkers ask for every instance of something ("sebutin semuanya",
	// "list all"): the fact that gathers them answers (list.go).
	ListMarkers []string `toml:"list_markers"`
	// CountedNouns are nouns a number before them counts ("11 norma", "25
	// negara"), so "ke 11 norma" is not an ordinal (premise.go).
	CountedNouns []string `toml:"counted_nouns"`
	// ClaimDetailLeads are words after which a year is the dated detail a claim
	// asserts ("dibentuk tahun 2019", "dibentuk 2019", "adopted in 2020"), not part
	// of a name ("OEWG 2019", "GGE 2015") (claim.go).
	ClaimDetailLeads []string `toml:"claim_detail_leads"`
	// ClaimDateWords are the detail leads that only say "when" ("sejak", "in",
	// "tahun"): they go from the claim's subject with the year they lead, where a
	// verb lead ("dibentuk", "adopted") stays as what the claim is about (claim.go).
	ClaimDateWords []string `toml:"claim_date_words"`
	// ClaimTags are English negative tags that make a statement a claim
	// ("…, isn't it?", "…, hasn't it?"), matched in the raw text because the
	// normaliser folds them away (claim.go).
	ClaimTags []string `toml:"claim_tags"`
	// ClaimTailWords are the tags that, as the last word of a statement with no
	// question word, make it a claim ("… dibentuk 2020 ya?", "… terbit 2013
	// bukan?", "… chaired by Switzerland, yes?").
	ClaimTailWords []string `toml:"claim_tail_words"`
	// ClaimCountLimits bound a claimed count ("cuma 25 negara", "only 15
	// members"): they go from the claim's subject with the count (claim.go).
	ClaimCountLimits []string `toml:"claim_count_limits"`
	// ClaimAgentLeads are words after which a body or country is the author,
	// sponsor, host or chair a claim asserts ("buatan uni eropa", "drafted at
	// the UN", "dipimpin rusia"); ClaimAgents are the concept keys such an agent
	// may be (claim.go). Groups that are themselves subjects (GGE, OEWG) are not.
	ClaimAgentLeads []string `toml:"claim_agent_leads"`
	ClaimAgents     []string `toml:"claim_agents"`
	// ClaimManners are the concept keys of how a text was adopted ("by
	// consensus", "tanpa voting"), which a claim may assert (claim.go).
	ClaimManners []string `toml:"claim_manners"`
	// ClaimStatusWords ask whether a claim still or already holds ("masih …
	// sekarang kan?", "already in force, right?"): as content they only dilute
	// what the claim is about, and no field confirms them (claim.go).
	ClaimStatusWords []string `toml:"claim_status_words"`
	// Interrogatives mark a message that asks for something rather than checking
	// a claim ("kapan … ya?" asks when; "… usulan amerika ya?" checks).
	Interrogatives []string `toml:"interrogatives"`
	// Which is how a "which X" question is asked (rules.go, askedKind).
	Which struct {
		Before []string `toml:"before"` // "which", "what" before the noun
		After  []string `toml:"after"`  // "mana", "apa" after it
		Plural []string `toml:"plural"` // "saja", "aja": a list, not one
		// Number: beside the noun, a word that asks for its number or symbol
		// ("resolution number", "nomor resolusi", "resolusinya nomor berapa").
		Number []string `toml:"number"`
		// Lead and Relative: a description headed by a noun ("the resolution
		// that …", "resolusi yg …") asks for a thing of the noun's kind.
		Lead     []string        `toml:"lead"`
		Relative []string        `toml:"relative"`
		Nouns    map[string]Kind `toml:"nouns"` // the noun and the kind of fact it asks for
		// Symbols: the symbol prefix a noun's documents carry ("resolution" →
		// "A/RES/"): a report is a document too, but not a resolution.
		Symbols map[string]string `toml:"symbols"`
	} `toml:"which"`
	Chatter []string `toml:"chatter"`
	// NormWords introduce a norm's paragraph letter ("norm c", "norma (f)"); the
	// letter after one names its norm (analyze.go).
	NormWords []string `toml:"norm_words"`
	// NormOrdinals name a norm by its place among the eleven ("norma ketiga", "the
	// fifth norm"): Nouns are the words for a norm itself, and an ordinal next to
	// one (after it in Indonesian, before it in English) is its letter; an ordinal
	// followed by a TimeWord ("norma pertama kali …") says when, not which.
	NormOrdinals struct {
		Nouns     []string `toml:"nouns"`
		TimeWords []string `toml:"time_words"`
		// Partitive: words between an English ordinal and the noun ("the fifth of
		// the 11 norms").
		Partitive []string `toml:"partitive"`
		// Plurals: nouns that right after an English ordinal name a set ("the first
		// norms report"), so only a partitive ("the first of the norms") makes one.
		Plurals []string `toml:"plurals"`
		// NumberWords: words between the noun and a bare number that make the number
		// the norm's place ("norma nomor 7", "norm number 3", "norma no. 11").
		NumberWords []string `toml:"number_words"`
	} `toml:"norm_ordinals"`
	// Glossary holds the words put around a term asked to /define: lead-ins
	// before it ("apa itu"), tail-outs after it ("itu apa") (glossary.go).
	Glossary struct {
		LeadIns  []string `toml:"lead_ins"`
		TailOuts []string `toml:"tail_outs"`
	} `toml:"glossary"`
	// Describe tunes how descriptions name a subject (describe.go): Places are the
	// concepts naming a state or place, which a question must hold to meet a
	// description that names one.
	Describe struct {
		Places []string `toml:"places"`
		// Identify: words by which a question asks which thing it describes
		// ("apa namanya", "which group"), matched as whole token sequences.
		Identify []string `toml:"identify"`
		// Chaired: words that only mean chairing ("diketuai", "chaired"), unlike
		// "led" or "kepala", by which a question names a body by its chair's
		// nationality (chaired.go).
		Chaired []string `toml:"chaired"`
		// FirstLead … LastTail: words that order a series by date, before (English)
		// or after (Indonesian) the noun they order; SeriesNouns maps that noun to
		// the kind of fact it names; SeriesNot are neighbours that make the word
		// part of a name (series.go).
		FirstLead   []string        `toml:"first_lead"`
		LastLead    []string        `toml:"last_lead"`
		FirstTail   []string        `toml:"first_tail"`
		LastTail    []string        `toml:"last_tail"`
		SeriesNouns map[string]Kind `toml:"series_nouns"`
		SeriesNot   []string        `toml:"series_not"`
		SeriesSense []string        `toml:"series_sense"`
		SeriesSkip  []string        `toml:"series_skip"`
		// Proposed: words naming a thing by its proposer (proposed.go);
		// Members*: words naming a body by who may sit on it (members.go).
		Proposed       []string `toml:"proposed"`
		MembersAll     []string `toml:"members_all"`
		MembersOpen    []string `toml:"members_open"`
		MembersLimited []string `toml:"members_limited"`
		MembersNouns   []string `toml:"members_nouns"`
		MembersGroup   []string `toml:"members_group"`
	} `toml:"describe"`
	// Premise holds the words the check for things that do not exist reads
	// (premise.go): "the seventh GGE", "Konvensi Jakarta".
	Premise struct {
		Ordinals          map[string]int `toml:"ordinals"`
		InstrumentHeads   []string       `toml:"instrument_heads"`
		GenericQualifiers []string       `toml:"generic_qualifiers"`
		// PartNouns: an ordinal next to one counts that part, not the body ("the
		// eighth session of the OEWG", "sesi ke-11 OEWG").
		PartNouns []string `toml:"part_nouns"`
		// SeriesAngles: the concepts a question asked of a whole series ("kapan OEWG
		// dibentuk?", "who chaired the GGE?") may carry besides the series' name and
		// angle words; any other word asks about one instance's detail ("sesi OEWG yg
		// ditunda"), which a composed answer for each instance does not answer.
		SeriesAngles []string `toml:"series_angles"`
	} `toml:"premise"`
	Concept []struct {
		Key       string   `toml:"key"`
		Spellings []string `toml:"spellings"`
	} `toml:"concept"`
}

// mustLexicon parses and validates the embedded vocabulary. It is part of the
// binary, so a broken file is a build defect that every test run catches.
func mustLexicon(data []byte) *lexiconFile {
	l, err := parseLexicon(data)
	if err != nil {
		panic("knowledge: vocab/lexicon.toml: " + err.Error())
	}
	return l
}

func parseLexicon(data []byte) (*lexiconFile, error) {
	var l lexiconFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&l)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown key %s", und[0])
	}
	for _, check := range []func(*lexiconFile) error{checkLexiconWords, checkLexiconOptional, checkLexiconConcepts} {
		if err := check(&l); err != nil {
			return nil, err
		}
	}
	return &l, nil
}

// lowerWord rejects a word that is empty or not lower case; where names the list.
func lowerWord(where, w string) error {
	if w == "" || w != strings.ToLower(strings.TrimSpace(w)) {
		return fmt.Errorf("%s: %q must be a non-empty lower-case word", where, w)
	}
	return nil
}

// lowerWords applies lowerWord to every word of list.
func lowerWords(where string, list []string) error {
	for _, w := range list {
		if err := lowerWord(where, w); err != nil {
			return err
		}
	}
	return nil
}

// checkLexiconWords checks the colloquial table and the word lists, which must
// not be empty.
func checkLexiconWords(l *lexiconFile) error {
	for k, v := range l.Colloquial {
		if err := lowerWord("colloquial", k); err != nil {
			return err
		}
		if err := lowerWord("colloquial."+k, v); err != nil {
			return err
		}
	}
	for name, list := range map[string][]string{"stopwords.en": l.Stopwords.EN, "stopwords.id": l.Stopwords.ID,
		"markers.en": l.Markers.EN, "markers.id": l.Markers.ID, "entities": l.Entities, "chatter": l.Chatter,
		"norm_words": l.NormWords, "norm_ordinals.nouns": l.NormOrdinals.Nouns, "norm_ordinals.time_words": l.NormOrdinals.TimeWords, "norm_ordinals.number_words": l.NormOrdinals.NumberWords, "compare_connectives": l.CompareConnectives, "compare_frame": l.CompareFrame,
		"premise.instrument_heads":   l.Premise.InstrumentHeads,
		"premise.generic_qualifiers": l.Premise.GenericQualifiers, "premise.part_nouns": l.Premise.PartNouns, "premise.series_angles": l.Premise.SeriesAngles, "glossary.lead_ins": l.Glossary.LeadIns, "glossary.tail_outs": l.Glossary.TailOuts} {
		if len(list) == 0 {
			return fmt.Errorf("%s is empty", name)
		}
		if err := lowerWords(name, list); err != nil {
			return err
		}
	}
	if len(l.Premise.Ordinals) == 0 {
		return fmt.Errorf("premise.ordinals is empty")
	}
	for w, n := range l.Premise.Ordinals {
		if err := lowerWord("premise.ordinals", w); err != nil {
			return err
		}
		if n <= 0 {
			return fmt.Errorf("premise.ordinals.%s: %d is not a positive number", w, n)
		}
	}
	return nil
}

// checkLexiconOptional checks the optional lists (without the question words
// "which X" is not read): what is listed must be words.
func checkLexiconOptional(l *lexiconFile) error {
	for name, list := range map[string][]string{"question_words_id": l.QuestionWordsID, "claim_markers": l.ClaimMarkers, "claim_phrases": l.ClaimPhrases, "claim_lead_ins": l.ClaimLeadIns, "compare_asks": l.CompareAsks, "compare_order": l.CompareOrder, "life_topics": l.LifeTopics, "counted_nouns": l.CountedNouns, "reason_markers": l.ReasonMarkers, "list_markers": l.ListMarkers,
		"claim_detail_leads": l.ClaimDetailLeads, "claim_agent_leads": l.ClaimAgentLeads,
		"claim_date_words": l.ClaimDateWords, "claim_tags": l.ClaimTags, "claim_tail_words": l.ClaimTailWords, "claim_count_limits": l.ClaimCountLimits,
		"claim_status_words": l.ClaimStatusWords, "interrogatives": l.Interrogatives,
		"which.before": l.Which.Before, "which.after": l.Which.After, "which.plural": l.Which.Plural, "which.number": l.Which.Number,
		"describe.places": l.Describe.Places, "describe.first_lead": l.Describe.FirstLead,
		"describe.last_lead": l.Describe.LastLead, "describe.first_tail": l.Describe.FirstTail,
		"describe.last_tail": l.Describe.LastTail, "describe.series_not": l.Describe.SeriesNot, "describe.series_sense": l.Describe.SeriesSense,
		"describe.series_skip": l.Describe.SeriesSkip} {
		if err := lowerWords(name, list); err != nil {
			return err
		}
	}
	for noun, kind := range l.Which.Nouns {
		if err := lowerWord("which.nouns", noun); err != nil {
			return err
		}
		if !kinds[kind] {
			return fmt.Errorf("which.nouns.%s: unknown kind %q", noun, kind)
		}
	}
	for noun, kind := range l.Describe.SeriesNouns {
		if err := lowerWord("describe.series_nouns", noun); err != nil {
			return err
		}
		if !kinds[kind] {
			return fmt.Errorf("describe.series_nouns.%s: unknown kind %q", noun, kind)
		}
	}
	for noun, prefix := range l.Which.Symbols {
		if _, ok := l.Which.Nouns[noun]; !ok || prefix == "" {
			return fmt.Errorf("which.symbols.%s: not a which.nouns noun, or no prefix", noun)
		}
	}
	return nil
}

// checkLexiconConcepts checks the concept table and that every entity is one of
// its keys.
func checkLexiconConcepts(l *lexiconFile) error {
	seen := map[string]bool{}
	for i, c := range l.Concept {
		if c.Key == "" || seen[c.Key] {
			return fmt.Errorf("concept %d: key %q is empty or repeated", i+1, c.Key)
		}
		seen[c.Key] = true
		if len(c.Spellings) == 0 {
			return fmt.Errorf("concept %q has no spellings", c.Key)
		}
		if err := lowerWords("concept "+c.Key, c.Spellings); err != nil {
			return err
		}
	}
	for _, e := range l.Entities {
		if !seen[e] {
			return fmt.Errorf("entities: %q is not a concept key", e)
		}
	}
	for name, keys := range map[string][]string{"frame_concepts": l.FrameConcepts, "generic_nouns": l.GenericNouns} {
		if len(keys) == 0 {
			return fmt.Errorf("%s is empty", name)
		}
		for _, e := range keys {
			if !seen[e] {
				return fmt.Errorf("%s: %q is not a concept key", name, e)
			}
		}
	}
	for _, e := range l.Describe.Places {
		if !seen[e] {
			return fmt.Errorf("describe.places: %q is not a concept key", e)
		}
	}
	for _, e := range l.ClaimManners {
		if k, ok := strings.CutPrefix(e, "~"); !ok || !seen[k] {
			return fmt.Errorf("claim_manners: %q is not '~' and a concept key", e)
		}
	}
	for _, e := range l.ClaimAgents {
		if k, ok := strings.CutPrefix(e, "~"); !ok || !seen[k] {
			return fmt.Errorf("claim_agents: %q is not '~' and a concept key", e)
		}
	}
	for _, e := range l.Premise.SeriesAngles {
		if k, ok := strings.CutPrefix(e, "~"); !ok || !seen[k] {
			return fmt.Errorf("premise.series_angles: %q is not '~' and a concept key", e)
		}
	}
	return nil
}

// concepts returns the concept table in file order (the order settles which
// concept an ambiguous inflection belongs to).
func (l *lexiconFile) concepts() []concept {
	out := make([]concept, len(l.Concept))
	for i, c := range l.Concept {
		out[i] = concept{key: c.Key, phrases: strings.Join(c.Spellings, "|")}
	}
	return out
}

func init() {
	for _, w := range lexData.Chatter {
		stopEN[w] = true
		stopID[w] = true
	}
	// The vocatives and fillers of vocab/chat.toml ("bot", "bapak", "kakak") wrap
	// questions too; words that begin a concept ("banyak" in "berapa banyak") are
	// left to the concept table.
	for first, phrases := range vocab.filler {
		for _, p := range phrases {
			if len(p) == 1 && lex.byFirst[first] == nil {
				stopEN[first] = true
				stopID[first] = true
			}
		}
	}
}

func setOfList(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// splitPhrases splits each phrase into its words once, at load, rather than on
// every question that is checked against it.
func splitPhrases(phrases []string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}

// concept is one meaning with its spellings in both languages. Every spelling is
// replaced by the concept's key at index and at query time, so "kejahatan siber"
// in a question meets "cybercrime" in a fact, and "PBB" meets "United Nations".
type concept struct {
	key     string
	phrases string // "|"-separated, normalised (lower-case, no diacritics) spellings
}

// phraseTokens splits each phrase into its normalised tokens.
func phraseTokens(phrases []string) [][]string {
	out := make([][]string, 0, len(phrases))
	for _, p := range phrases {
		var words []string
		for _, t := range tokenize(normalize(p)) {
			words = append(words, t.text)
		}
		if len(words) > 0 {
			out = append(out, words)
		}
	}
	return out
}
