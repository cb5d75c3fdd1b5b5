package bot

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot/followup"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// This file decides what a message is before any fact is looked up, for a message
// with no chat state behind it (the CLI, the first message of a chat): small talk
// gets a friendly word, an opinion or essay request a note that the bot reports
// facts, a question about something that does not exist a plain correction, and
// only a real question reaches the matcher. The chat-state acts (follow-ups, quiz
// answers, requests about the last answer) are decided in the study middleware,
// which then calls this.

// answer understands and answers one clean message. The reply follows the message's
// language unless the chat chose one.
func (b *Bot) answer(kb *view, parsed *knowledge.Question, lang knowledge.Lang, src LangSource) (*Reply, knowledge.Result) {
	q := parsed.Text()
	u := parsed.Chat()
	replyLang := lang
	if !src.Fixed() {
		if l, ok := knowledge.DetectLang(q); ok {
			replyLang = l
		}
	}
	switch {
	case u.Chatter != knowledge.NoChatter:
		r := b.smallTalkReply(kb, u.Chatter, replyLang)
		return r, knowledge.Result{Lang: replyLang}
	case u.Request != knowledge.NoRequest:
		r := info(replyLang, text(replyLang, "request.none"))
		r.Outcome.Act = ActLastAnswer
		return r, knowledge.Result{Lang: replyLang}
	case u.Timeline:
		// "kronologi GGE dong" is /timeline gge asked in words.
		if tq, bad := parseTimeline(u.TimelineArgs); bad == "" {
			r := b.timelinePage(kb, tq, replyLang)
			r.Outcome.Act = ActCommand
			return r, knowledge.Result{Lang: replyLang}
		}
	case u.Clock:
		// "what year is it now?" shares a word or a year with many facts; it is
		// about the moment, not the field.
		r := b.offTopicReply(kb, replyLang)
		r.Outcome.Act = ActOffTopic
		return r, knowledge.Result{Lang: replyLang, OffTopic: true}
	}
	res := kb.matcher.MatchQuestion(parsed, lang)
	if !src.Fixed() && (res.Lang == knowledge.EN || res.Lang == knowledge.ID) {
		replyLang = res.Lang
	}
	if th, ok := kb.snap.Matcher.CheckPremise(parsed); ok {
		return unknownThingReply(th, res, replyLang), res
	}
	if u.Opinion || u.Writing {
		return b.opinionReply(res, u.Writing, replyLang), res
	}
	if facts, chair, ok := kb.snap.Matcher.Ambiguous(parsed); ok {
		r := composedReply(kb, facts, chair, replyLang)
		if len(res.Candidates) > 0 {
			r.Outcome.Score = res.Candidates[0].Score
		}
		return r, res
	}
	if r := b.comparisonReply(kb, parsed, res, lang, replyLang); r != nil {
		return r, res
	}
	var reply *Reply
	switch {
	case res.Answered && res.Best.Fact != nil:
		reply = b.answerReply(kb, res.Best.Fact, replyLang)
		if kb.snap.Matcher.Contradicts(parsed, res.Best.Fact) {
			// A claim whose detail the fact's own fields show wrong gets a plain
			// "no" before the fact that holds the true detail.
			reply.Blocks[0] = para(text(replyLang, "claim.no", res.Best.Fact.Answer(replyLang)))
		} else if kb.snap.Matcher.Confirms(parsed, res.Best.Fact) {
			// And a plain "yes" when they show it right.
			reply.Blocks[0] = para(text(replyLang, "claim.yes", res.Best.Fact.Answer(replyLang)))
		}
		reply.Outcome = Outcome{Act: ActQuestion, FactIDs: []string{res.Best.Fact.ID}, Score: res.Best.Score}
		if res.Likely {
			hedge(reply, res, replyLang)
		}
		return reply, res
	case res.OffTopic || len(res.Suggestions) == 0 && len(res.Candidates) == 0:
		reply = b.offTopicReply(kb, replyLang)
		reply.Outcome.Act = ActOffTopic
	default:
		reply = b.notSureReply(res.Suggestions, replyLang)
		reply.Outcome.Act = ActQuestion
	}
	if len(res.Candidates) > 0 {
		reply.Outcome.Score = res.Candidates[0].Score
	}
	for _, f := range res.Suggestions {
		reply.Outcome.Suggested = append(reply.Outcome.Suggested, f.ID)
	}
	return reply, res
}

// askBack is the reply to a question that names no subject of its own and only leans
// on a previous answer ("kapan dibentuk?", "dokumennya apa?", "and the 2015 one?")
// when there is none: a short question back, never a fact its frame words happen to
// fit. Nil for any other message (chatter, requests and opinions have replies of
// their own; a word the base does not know is about something else).
func askBack(kb *view, q *knowledge.Question, lang knowledge.Lang, src LangSource) *Reply {
	u := q.Chat()
	if u.Chatter != knowledge.NoChatter || u.Request != knowledge.NoRequest || u.Opinion || u.Writing || u.Clock || u.Timeline || u.QuizOption >= 0 {
		return nil
	}
	if !LeansOnNothing(kb.snap.Matcher.Read(q), q.Text()) {
		return nil
	}
	if l, ok := knowledge.DetectLang(q.Text()); ok && !src.Fixed() {
		lang = l
	}
	return &Reply{Kind: KindNotSure, Lang: lang, Blocks: []Block{para(text(lang, "askback"))}, Outcome: Outcome{Act: ActQuestion}}
}

// LeansOnNothing reports whether a question read as rd, asked in a chat with no
// last answer, is to be asked back: it names no subject and no word the base does not
// know, and it leans on a previous answer (a pointing word, only frame words, or a
// year alone, "kalo yg 2017?"). Two frame words with nothing pointing back ("siapa
// sekjen PBB?") are a question of their own.
func LeansOnNothing(rd knowledge.Reading, asked string) bool {
	if rd.Subject || rd.Unknown || rd.OwnFrame {
		return false
	}
	return rd.LeansBack || followup.YearOnly(asked)
}

type parsedKey struct{}

// withParsed keeps a message's parse for the rest of its handling, so that the
// follow-up check and the answer share one analysis.
func withParsed(ctx context.Context, q *knowledge.Question) context.Context {
	return context.WithValue(ctx, parsedKey{}, q)
}

// parsedFrom returns the parse of text made earlier in this message, or parses it.
func parsedFrom(ctx context.Context, kb *view, text string) *knowledge.Question {
	if q, ok := ctx.Value(parsedKey{}).(*knowledge.Question); ok && q.Text() == text {
		return q
	}
	return kb.snap.Matcher.Parse(text)
}

// smallTalkReply answers a greeting with what the bot does, thanks and farewells with a
// word, laughter and acknowledgements with a nod.
func (b *Bot) smallTalkReply(kb *view, c knowledge.Chatter, lang knowledge.Lang) *Reply {
	var r *Reply
	switch c {
	case knowledge.Greeting:
		r = &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "start.hello", "")), para(text(lang, "start.try"))}}
		r.Blocks, r.Buttons = appendExamples(r.Blocks, r.Buttons, b.examples(kb, lang), lang)
	case knowledge.Thanks:
		r = info(lang, text(lang, "thanks"))
	case knowledge.Farewell:
		r = info(lang, text(lang, "bye"))
	default:
		r = info(lang, text(lang, "ack"))
	}
	r.Outcome.Act = ActSmallTalk
	return r
}

// opinionReply declines to judge or predict, or to write an essay, and offers the facts
// that bear on the question (the matcher's answer and suggestions), never as an answer.
func (b *Bot) opinionReply(res knowledge.Result, writing bool, lang knowledge.Lang) *Reply {
	key := "opinion"
	if writing {
		key = "writing"
	}
	r := info(lang, text(lang, key))
	offer(r, bearing(res), "opinion.facts", ActOpinion)
	return r
}

// bearing are the facts a result points at: its answer, then its suggestions.
func bearing(res knowledge.Result) []*knowledge.Fact {
	var facts []*knowledge.Fact
	if res.Answered && res.Best.Fact != nil {
		facts = append(facts, res.Best.Fact)
	}
	for _, f := range res.Suggestions {
		if len(facts) < maxSuggestions && (len(facts) == 0 || facts[0] != f) {
			facts = append(facts, f)
		}
	}
	return facts
}

// offer ends a reply that answers nothing itself with facts to open instead (an
// intro line and a button each), and records the act and what was offered.
func offer(r *Reply, facts []*knowledge.Fact, intro string, act Act) {
	if len(facts) > 0 {
		r.Blocks = append(r.Blocks, para(text(r.Lang, intro)))
		r.Buttons = factButtons(facts, r.Lang)
	}
	r.Outcome.Act = act
	for _, f := range facts {
		r.Outcome.Suggested = append(r.Outcome.Suggested, f.ID)
	}
}

// unknownThingReply says plainly that the base knows no such thing, and names the
// real ones nearest to it (the series it belongs to, or what the question resembles).
func unknownThingReply(th knowledge.UnknownThing, res knowledge.Result, lang knowledge.Lang) *Reply {
	var names []string
	for _, f := range th.Nearest {
		names = append(names, f.Body)
	}
	var s string
	switch {
	case th.Symbol != "":
		s = text(lang, "unknown.symbol", th.Symbol, knowledge.UNDocURL(th.Symbol))
	case th.Year != 0:
		s = text(lang, "unknown.year", th.What, th.Year, th.What, strings.Join(names, ", "))
	case th.What == "norm":
		s = text(lang, "unknown.norm", th.Ordinal, len(th.Nearest))
	case th.Ordinal != 0:
		s = text(lang, "unknown.ordinal", th.What, th.Ordinal, len(th.Nearest), th.What, strings.Join(names, ", "))
	default:
		s = text(lang, "unknown.name", th.What)
	}
	r := info(lang, s)
	nearest := th.Nearest
	if len(nearest) == 0 {
		nearest = bearing(res)
	}
	if th.What == "norm" {
		nearest = nil // the overview of the 11 norms is the next step, offered below
		if f, ok := firstOverview(res); ok {
			nearest = []*knowledge.Fact{f}
		}
	}
	if len(nearest) > maxSuggestions {
		nearest = nearest[len(nearest)-maxSuggestions:]
		if th.Year == 0 && th.Ordinal == 0 {
			nearest = nearest[:maxSuggestions]
		}
	}
	offer(r, nearest, "unknown.nearest", ActUnknownThing)
	return r
}

// composedReply answers a question that fits each instance of a series (the two
// OEWGs, the six GGEs) for every one of them, each with its own source: the chair
// when the question asks who chaired, else the first sentence of each answer.
func composedReply(kb *view, facts []*knowledge.Fact, chair bool, lang knowledge.Lang) *Reply {
	r := &Reply{Kind: KindAnswer, Lang: lang, Title: text(lang, "composed.title", len(facts), facts[0].Body[:strings.IndexByte(facts[0].Body, ' ')])}
	for _, f := range facts {
		line := firstSentence(f.Answer(lang))
		if chair && f.Chair != "" {
			line = text(lang, "composed.chair", f.Chair)
		}
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: f.Body + ": ", Style: Bold}, {Text: line}}})
		if len(f.Sources) > 0 {
			r.Sources = append(r.Sources, f.Sources[0])
		}
		r.Outcome.FactIDs = append(r.Outcome.FactIDs, f.ID)
		if chair && f.Chair != "" {
			// The line rests on the chair's own fact too, when the base has one: a
			// person fact of the same body, or one named as the chair is.
			name, _, _ := strings.Cut(f.Chair, " (")
			for _, p := range kb.base.Facts() {
				if p.Kind == knowledge.KindPerson && (p.Body == f.Body || slices.Contains(p.Aliases, name)) {
					r.Outcome.FactIDs = append(r.Outcome.FactIDs, p.ID)
				}
			}
		}
	}
	r.Blocks = append(r.Blocks, para(text(lang, "composed.deeper")))
	r.Buttons = factButtons(facts[max(0, len(facts)-maxSuggestions):], lang)
	r.FactID = facts[0].ID
	r.Outcome.Act = ActQuestion
	return r
}

// firstSentence is s up to its first full stop followed by a space.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		// A full stop before a capital's initial ("Michael N. Schmitt") or a
		// number ("ETS No. 185") ends no sentence.
		if s[i] == '.' && s[i+1] == ' ' && i > 0 && !(s[i-1] >= 'A' && s[i-1] <= 'Z') && !(i+2 < len(s) && s[i+2] >= '0' && s[i+2] <= '9') {
			return s[:i+1]
		}
	}
	return s
}

// firstOverview is the best-ranked candidate of res, the fact a question about a
// nonexistent member of a list is nearest to.
func firstOverview(res knowledge.Result) (*knowledge.Fact, bool) {
	if len(res.Candidates) == 0 {
		return nil, false
	}
	return res.Candidates[0].Fact, true
}

// comparisonReply answers "bedanya X sama Y" that no comparison fact answers by
// composing the two sides, each matched on its own and each with its own source. A
// side the matcher is not sure of sinks the whole comparison: half an answer would
// read as a whole one.
//
// A fact that answers the comparison itself (oewg-vs-gge) wins: the matcher's answer
// stands unless it is one of the two sides.
func (b *Bot) comparisonReply(kb *view, q *knowledge.Question, whole knowledge.Result, hint, lang knowledge.Lang) *Reply {
	names := kb.snap.Matcher.ComparisonSides(q)
	if len(names) < 2 {
		return nil
	}
	sides := make([]*knowledge.Fact, len(names))
	results := make([]knowledge.Result, len(names))
	score := 1.0
	for i, side := range names {
		results[i] = kb.matcher.Match(side, hint)
		var sc float64
		sides[i], sc = sideFact(results[i], whole)
		if sides[i] != nil {
			score = min(score, sc)
		}
	}
	if len(sides) == 2 && sides[0] == nil && sides[1] == nil {
		// Both sides too short alone ("resolusi GGE atau resolusi OEWG"): the one
		// pair of close candidates linked to each other that the whole question
		// ranks names them both.
		var sc float64
		sides[0], sides[1], sc = sidePair(results[0], results[1], whole)
		score = min(score, sc)
	}
	for i, f := range sides {
		if f == nil {
			// A side too short to name one fact alone ("UN convention") is read
			// with the others: "Budapest vs UN convention" is about the one
			// linked to the Budapest Convention.
			var sc float64
			if f, sc = sideByOthers(results[i], whole, sides); f == nil {
				return nil
			}
			sides[i], score = f, min(score, sc)
		}
		if slices.Contains(sides[:i], sides[i]) {
			return nil
		}
	}
	// "Which came first?" asks the sides' dates: the answer says which, and
	// each side follows with its own source, even where a fact comparing the
	// two would otherwise answer (it says how they differ, not which came first).
	order := kb.snap.Matcher.AsksOrder(q) && datedApart(sides)
	if order {
		whole.Answered, whole.Candidates = false, nil
	}
	// A comparison of more than two things answered by a fact that compares two
	// of them (oewg-vs-gge for the GGE, the OEWG and the Global Mechanism) is
	// half answered: that fact leads and every side follows.
	var lead *knowledge.Fact
	if whole.Answered && !slices.Contains(sides, whole.Best.Fact) {
		if len(sides) == 2 || !kb.snap.Matcher.Compares(whole.Best.Fact) {
			return nil
		}
		lead = whole.Best.Fact
	}
	// A comparison fact ranked first for the whole question, though not sure enough to
	// answer alone, is a better answer than the two sides put together: it says how
	// they differ. It is hedged, so a neighbour is visible at once. It must be about
	// these two sides (linked to each by its related lists): a comparison of other
	// things ("cybercrime vs cybersecurity" for the two OEWGs) that merely shares the
	// words of comparing is no answer.
	if !whole.Answered && len(whole.Candidates) > 0 {
		if top := whole.Candidates[0]; !slices.Contains(sides, top.Fact) && kb.snap.Matcher.Compares(top.Fact) &&
			!slices.ContainsFunc(sides, func(f *knowledge.Fact) bool { return !touches(top.Fact, f) }) {
			r := b.answerReply(kb, top.Fact, lang)
			r.Outcome = Outcome{Act: ActQuestion, FactIDs: []string{top.Fact.ID}, Score: top.Score}
			res := whole
			res.Best = top
			hedge(r, res, lang)
			return r
		}
	}
	var rest []string
	for _, f := range sides[1:] {
		rest = append(rest, f.Title(lang))
	}
	r := &Reply{Kind: KindAnswer, Lang: lang, Title: text(lang, "compare.title", sides[0].Title(lang), strings.Join(rest, " / ")), FactID: sides[0].ID}
	if order {
		byDate := slices.Clone(sides)
		slices.SortStableFunc(byDate, func(a, b *knowledge.Fact) int { return strings.Compare(a.Date, b.Date) })
		var later []string
		for _, f := range byDate[1:] {
			later = append(later, datedTitle(f, lang))
		}
		r.Blocks = append(r.Blocks, para(text(lang, "compare.first", datedTitle(byDate[0], lang), strings.Join(later, "; "))))
	}
	// A fact that links the two sides (the overview of both OEWGs, how the two 2018
	// resolutions differed) says how they relate: it leads, and each side follows in
	// its first sentence, so the reply stays short. More sides follow in their first
	// sentence too.
	bridge := lead
	if len(sides) == 2 {
		bridge = bridgeFact(kb.base.Facts(), whole, sides[0], sides[1])
	}
	if bridge != nil {
		r.FactID = bridge.ID
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: bridge.Title(lang), Style: Bold}}}, para(bridge.Answer(lang)))
		r.Sources = append(r.Sources, bridge.Sources...)
		r.Outcome.FactIDs = append(r.Outcome.FactIDs, bridge.ID)
	}
	for _, f := range sides {
		body, sources := f.Answer(lang), f.Sources
		if (bridge != nil || len(sides) > 2) && len(sources) > 0 {
			body, sources = firstSentence(body), sources[:1]
		}
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: f.Title(lang), Style: Bold}}}, para(body))
		for _, src := range sources {
			if !slices.ContainsFunc(r.Sources, func(have knowledge.Source) bool { return have.URL == src.URL }) {
				r.Sources = append(r.Sources, src)
			}
		}
		r.Outcome.FactIDs = append(r.Outcome.FactIDs, f.ID)
	}
	r.Outcome.Act, r.Outcome.Score = ActQuestion, score
	return r
}

// datedApart reports whether every side has a date and no two can be confused
// in order: one date that is a prefix of another ("2018" and "2018-12-05") or
// the same date says nothing about which came first.
func datedApart(sides []*knowledge.Fact) bool {
	for i, a := range sides {
		if a.Date == "" {
			return false
		}
		for _, b := range sides[:i] {
			if strings.HasPrefix(a.Date, b.Date) || strings.HasPrefix(b.Date, a.Date) {
				return false
			}
		}
	}
	return true
}

// datedTitle is f's title with its date, unless the title already holds the
// date ("Paris Call … launched (12 Nov 2018)").
func datedTitle(f *knowledge.Fact, lang knowledge.Lang) string {
	title, date := f.Title(lang), factDate(f.Date, lang)
	if strings.Contains(title, date) {
		return title
	}
	return text(lang, "compare.dated", title, date)
}

// factDate writes a fact's date (YYYY, YYYY-MM or YYYY-MM-DD) the way the
// answers do: "23 Nov 2001", "Des 2024", "2019".
func factDate(date string, lang knowledge.Lang) string {
	months := [2][12]string{
		{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"},
	}
	l := 0
	if lang == knowledge.ID {
		l = 1
	}
	parts := strings.Split(date, "-")
	if len(parts) < 2 {
		return date
	}
	mo, err := strconv.Atoi(parts[1])
	if err != nil || mo < 1 || mo > 12 {
		return date
	}
	out := months[l][mo-1] + " " + parts[0]
	if len(parts) == 3 {
		out = strings.TrimLeft(parts[2], "0") + " " + out
	}
	return out
}

// sideFloor: see sideFact.
const sideFloor = 0.8

// sideFact is the fact one side of a comparison names. A side is a short name
// ("konvensi PBB soal cybercrime", "GGE norms"), which the decision, made for
// whole questions, may refuse although its best fact fits well: that fact stands
// when it scores at least sideFloor, the whole question ranks it among its
// candidates too, and its runner-up is either well behind or another view of the
// same subject (one lists the other as related).
func sideFact(res, whole knowledge.Result) (*knowledge.Fact, float64) {
	if res.Answered && res.Best.Fact != nil {
		return res.Best.Fact, res.Best.Score
	}
	if len(res.Candidates) == 0 || res.Candidates[0].Score < sideFloor {
		return nil, 0
	}
	top := res.Candidates[0]
	if !slices.ContainsFunc(whole.Candidates, func(c knowledge.Scored) bool { return c.Fact == top.Fact }) {
		return nil, 0
	}
	if len(res.Candidates) > 1 {
		next := res.Candidates[1]
		if next.Score >= 0.9*top.Score && !slices.Contains(top.Fact.Related, next.Fact.ID) && !slices.Contains(next.Fact.Related, top.Fact.ID) {
			return nil, 0
		}
	}
	return top.Fact, top.Score
}

// sideByOthers is the fact a side names when the side alone is unsure: of its
// close candidates (at sideFloor and within 0.9 of the first), the only one linked
// to another side's fact by a related list that the whole question ranks too.
func sideByOthers(res, whole knowledge.Result, sides []*knowledge.Fact) (*knowledge.Fact, float64) {
	if len(res.Candidates) == 0 {
		return nil, 0
	}
	top := res.Candidates[0].Score
	var found *knowledge.Scored
	for i, c := range res.Candidates {
		if c.Score < sideFloor || c.Score < 0.9*top {
			break
		}
		if !slices.ContainsFunc(sides, func(o *knowledge.Fact) bool { return o != nil && o != c.Fact && touches(c.Fact, o) }) ||
			!slices.ContainsFunc(whole.Candidates, func(w knowledge.Scored) bool { return w.Fact == c.Fact }) {
			continue
		}
		if found != nil {
			return nil, 0
		}
		found = &res.Candidates[i]
	}
	if found == nil {
		return nil, 0
	}
	return found.Fact, found.Score
}

// touches reports whether f and side list each other, in either direction: a
// comparison fact about side.
// sidePair is the only pair of close candidates of two unsure sides (at sideFloor and
// within 0.9 of each side's first) linked to each other by a related list, both
// ranked by the whole question too; nils when there is none or more than one.
func sidePair(a, b, whole knowledge.Result) (*knowledge.Fact, *knowledge.Fact, float64) {
	near := func(res knowledge.Result) []knowledge.Scored {
		var out []knowledge.Scored
		for _, c := range res.Candidates {
			if c.Score < sideFloor || c.Score < 0.9*res.Candidates[0].Score {
				break
			}
			if slices.ContainsFunc(whole.Candidates, func(w knowledge.Scored) bool { return w.Fact == c.Fact }) {
				out = append(out, c)
			}
		}
		return out
	}
	var fa, fb *knowledge.Fact
	score := 0.0
	for _, x := range near(a) {
		for _, y := range near(b) {
			if x.Fact == y.Fact || !touches(x.Fact, y.Fact) {
				continue
			}
			if fa != nil {
				return nil, nil, 0
			}
			fa, fb, score = x.Fact, y.Fact, min(x.Score, y.Score)
		}
	}
	return fa, fb, score
}

func touches(f, side *knowledge.Fact) bool {
	return slices.Contains(f.Related, side.ID) || slices.Contains(side.Related, f.ID)
}

// bridgeFact is the fact that links both sides of a comparison: it lists both as
// related, or both list it. Among several, the one the whole question ranked
// highest wins; one outside the candidates only when it is the only link.
func bridgeFact(facts []*knowledge.Fact, whole knowledge.Result, a, b *knowledge.Fact) *knowledge.Fact {
	links := func(f *knowledge.Fact) bool {
		if f == a || f == b {
			return false
		}
		return slices.Contains(f.Related, a.ID) && slices.Contains(f.Related, b.ID) ||
			slices.Contains(a.Related, f.ID) && slices.Contains(b.Related, f.ID)
	}
	for _, c := range whole.Candidates {
		if links(c.Fact) {
			return c.Fact
		}
	}
	var only *knowledge.Fact
	for _, f := range facts {
		if links(f) {
			if only != nil {
				return nil
			}
			only = f
		}
	}
	return only
}

// hedge marks an answer the matcher found likely but not certain: under the title
// (what the answer is about), a first line says that this is a reading and names
// the nearest other one, and the
// runners-up replace the related facts as buttons, so that a wrong reading shows at
// once and its neighbour is one tap away.
func hedge(r *Reply, res knowledge.Result, lang knowledge.Lang) {
	line := text(lang, "likely", r.Title)
	if n := hedgeNeighbour(res); n != nil {
		// The title above already says what the answer is about.
		line = text(lang, "likely.neighbour", n.Title(lang), n.ID)
	}
	r.Blocks = append([]Block{{Spans: []Span{{Text: line, Style: Italic}}}}, r.Blocks...)
	var others []*knowledge.Fact
	for _, c := range res.Candidates[1:] {
		if len(others) < maxSuggestions && c.Score >= res.Best.Score/2 {
			others = append(others, c.Fact)
		}
	}
	if len(others) > 0 {
		r.Buttons = factButtons(others, lang)
	}
}

// hedgeNeighbour is the reading a hedged answer names besides its own: the
// runner-up, when it scores at least half the best; nil when there is none.
func hedgeNeighbour(res knowledge.Result) *knowledge.Fact {
	if len(res.Candidates) < 2 || res.Candidates[1].Score < res.Best.Score/2 {
		return nil
	}
	return res.Candidates[1].Fact
}
