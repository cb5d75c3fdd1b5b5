package study

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/followup"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// middleware applies the study rules around every message that reaches the router:
// a muted chat hears only /unmute, a short follow-up is resolved against the chat's
// last answer, and refusals go to the curators' log. (Settings that need an admin are
// a property of their command, checked by the router.)
func (s *Feature) middleware(next bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, m *bot.Message) *bot.Reply {
		key := m.ChatKey()
		chat, err := s.b.ChatOf(ctx, key)
		if mutedOut(chat, m) {
			return nil
		}
		question := m.Call == nil || m.Call.Canonical() == bot.QuestionCommand
		asked := m.Text
		if m.Call != nil {
			asked = m.Call.Args
		}
		var reply *bot.Reply
		var fallback *bot.Message
		followed, orig := false, m
		if question && asked != "" {
			ctx, reply, m, followed, fallback = s.inChat(ctx, m, asked, m.Call != nil, chat.Last, err == nil)
		}
		// A reply decided in the chat (a quiz answer, a request about the last answer,
		// a follow-up answered from the facts around it) is not weighed again.
		settled := reply != nil
		if reply == nil {
			reply = next.Handle(ctx, m)
		}
		if reply == nil {
			return nil
		}
		if !settled && (followed || fallback != nil || aroundOf(ctx) != nil) {
			reply, m, followed = s.reconsider(ctx, next, reading{orig: orig, m: m, fallback: fallback, followed: followed}, reply, chat.Last.FactID)
		}
		reply.Outcome.Act = actOf(m, reply, followed)
		if reply.Outcome.Act == bot.ActOpinion && len(reply.Outcome.Suggested) > 0 {
			// What an opinion was asked about is what the next message leans on
			// ("who criticised it?"), as after an answer.
			s.b.RememberLast(ctx, key, reply.Outcome.Suggested[0])
		}
		if m.ChatKind != bot.Private && reply.Outcome.Act == bot.ActSmallTalk && smallTalkIsNod(s.b.Parsed(ctx, asked)) {
			// Laughter or an "ok" in a group, even in reply to the bot, needs no answer.
			return nil
		}
		if question && asked != "" && reply.Kind == bot.KindNotSure {
			s.logCurator(ctx, CuratorKindOf(reply), asked, m.ChatKind)
		}
		return reply
	})
}

// mutedOut reports whether a muted chat stays silent to m: it hears only an admin's
// /mute or /unmute; members get silence, not a refusal, since the point of muting is quiet.
func mutedOut(chat bot.Chat, m *bot.Message) bool {
	if !chat.Muted {
		return false
	}
	mayChange := m.ChatKind == bot.Private || m.IsAdmin
	return !mayChange || m.Call == nil || m.Call.Command == nil || !m.Call.Command.HeardWhileMuted
}

// actOf is the act of a reply as the chat sees it: any command but the question
// command is a command, and a question resolved against the last answer a follow-up.
func actOf(m *bot.Message, reply *bot.Reply, followed bool) bot.Act {
	switch {
	case m.Call != nil && m.Call.Canonical() != bot.QuestionCommand:
		return bot.ActCommand
	case followed && reply.Outcome.Act == bot.ActQuestion:
		return bot.ActFollowUp
	}
	return reply.Outcome.Act
}

// FollowUpWindow is how long after an answer a short follow-up ("who chaired it?")
// is read as being about that answer.
const FollowUpWindow = followup.Window

// quizWindow is how long after a quiz question a letter typed in the chat still
// answers it.
const quizWindow = time.Hour

// inChat decides the acts that depend on the chat's state: a letter answering the
// chat's open quiz, a request in words about the last answer, and a follow-up
// question, which is rewritten to name the last answer's subject (m is then a copy
// with the new text). A nil reply means the message goes on to the router. fallback,
// when not nil, is a short question that names a subject of its own rewritten as
// being about the last answer, to try when the question alone is refused.
func (s *Feature) inChat(ctx context.Context, m *bot.Message, asked string, isCmd bool, last bot.LastAnswer, known bool) (_ context.Context, _ *bot.Reply, _ *bot.Message, followed bool, fallback *bot.Message) {
	lang, _ := bot.LangFrom(ctx)
	kb := s.kb(ctx)
	// The message is parsed once here; the answer and the checks after it reuse it.
	parsed := kb.snap.Matcher.Parse(asked)
	ctx = bot.WithParsed(ctx, parsed)
	u := parsed.Chat()
	if u.QuizOption >= 0 {
		if reply := s.typedQuizAnswer(ctx, m, lang, u.QuizOption); reply != nil {
			return ctx, reply, m, false, nil
		}
	}
	if u.Chatter != knowledge.NoChatter {
		return ctx, nil, m, false, nil
	}
	recent := known && last.FactID != "" && !last.At.IsZero() && s.now().Sub(last.At) <= FollowUpWindow
	if u.Request == knowledge.WantMore && recent {
		if f, ok := kb.follow.Next(asked, last.FactID); ok {
			// A bare "trus?" asks what came after the last answer in time; only when
			// nothing dated follows is it a request for more of it.
			return ctx, s.followUpAnswer(ctx, asked, f), m, true, nil
		}
	}
	if u.Request != knowledge.NoRequest && recent {
		if reply := s.aboutLast(ctx, asked, u.Request, last.FactID); reply != nil {
			reply.Outcome.Act = bot.ActLastAnswer
			return ctx, reply, m, false, nil
		}
	}
	if !recent && u.Request == knowledge.NoRequest && !u.Opinion && !u.Writing && !u.Clock {
		// A request about the last answer with none to go on ("linknya dong") is the
		// router's to explain; a question leaning on nothing is asked back here.
		if reply := s.askBack(ctx, parsed, asked); reply != nil {
			return ctx, reply, m, false, nil
		}
	}
	if !recent || u.Opinion || u.Writing || u.Clock {
		return ctx, nil, m, false, nil
	}
	if pointed, ok := kb.follow.Pointed(asked, last.FactID); ok && !parsed.AsksDefinition() {
		// "who chaired that GGE?" points at the GGE the conversation is about.
		return ctx, nil, withText(m, pointed, isCmd), true, nil
	}
	if named, ok := kb.follow.Position(asked, last.FactID); ok {
		// "and the next one?" names only a place in the last answer's series: the
		// rewrite names the thing at that place, and nothing else is weighed.
		return ctx, nil, withText(m, named, isCmd), true, nil
	}
	if f, ok := kb.follow.PositionFact(asked, last.FactID); ok {
		// "yg ke4?" after the third GGE's report: the fourth GGE's report.
		return ctx, s.followUpAnswer(ctx, asked, f), m, true, nil
	}
	if lastFact, ok := kb.base.Get(last.FactID); ok {
		if f, ok := kb.snap.Matcher.Sibling(parsed, lastFact, followup.YearOnly(asked)); ok {
			// "and the UN one?", "the other one?": the last answer's angle, asked of
			// a sibling of its subject.
			return ctx, s.followUpAnswer(ctx, asked, f), m, true, nil
		}
	}
	if f, ok := kb.follow.Next(asked, last.FactID); ok {
		// "habis itu gimana?" asks what came after the last answer in time.
		return ctx, s.followUpAnswer(ctx, asked, f), m, true, nil
	}
	rd := kb.snap.Matcher.Read(parsed)
	if rd.Unknown {
		// A word the base has never seen: the question is about something else
		// ("kapan UTS?"), however short, and the last answer must not be read into it.
		return ctx, nil, m, false, nil
	}
	if lastFact, ok := kb.base.Get(last.FactID); ok && len(strings.Fields(asked)) <= maxLeaningWords {
		if f, ok := kb.snap.Matcher.Actor(parsed, lastFact); ok {
			// "indonesia udh ikut belum?" after the Budapest Convention asks that
			// state's part in the conversation's subject, not its best-known fact.
			return ctx, s.followUpAnswer(ctx, asked, f), m, true, nil
		}
	}
	rewritten, ok := kb.follow.Resolve(asked, rd, last.FactID)
	if !ok {
		if again, ok := kb.follow.About(asked, last.FactID); ok {
			fallback = withText(m, again, isCmd)
		}
		if lastFact, ok := kb.base.Get(last.FactID); ok && rd.LeansBack && len(strings.Fields(asked)) <= maxLeaningWords {
			// A short question that points back ("was it a UN resolution?") but names
			// a word of its own: if it is refused alone, the facts around the last
			// answer may hold it.
			around, _ := kb.snap.Matcher.FollowUp(parsed, lastFact)
			ctx = withAround(ctx, around)
		}
		return ctx, nil, m, false, fallback
	}
	// The follow-up's subject is the last answer's: the facts around it, told apart
	// by the follow-up's own words and angle, come before the rewrite, whose pasted
	// name tends to bring the last answer back.
	var around []knowledge.Scored
	if lastFact, ok := kb.base.Get(last.FactID); ok {
		var walked bool
		around, walked = kb.snap.Matcher.FollowUp(parsed, lastFact)
		if walked {
			return ctx, s.followUpAnswer(ctx, asked, around[0].Fact), m, true, nil
		}
	}
	return bot.WithAskedLang(withAround(ctx, around), asked), nil, withText(m, rewritten, isCmd), true, nil
}

// askBack is the reply to a follow-up with nothing to follow ("trus ketuanya siapa?",
// "and when was it adopted?", "kalo yg 2017?" in a fresh chat): it names no subject
// of its own and there is no recent answer to lean on, so it is answered with a short
// question back, never with a fact its frame words happen to fit ("dokumennya apa?"
// is not about L-documents) nor a refusal listing such facts. Nil when the message
// names a subject or holds a word the base does not know (it is about something else).
func (s *Feature) askBack(ctx context.Context, parsed *knowledge.Question, asked string) *bot.Reply {
	kb := s.kb(ctx)
	if !bot.LeansOnNothing(kb.snap.Matcher.Read(parsed), asked) {
		return nil
	}
	lang, src := bot.LangFrom(ctx)
	if l, ok := knowledge.DetectLang(asked); ok && !src.Fixed() {
		lang = l
	}
	return &bot.Reply{Kind: bot.KindNotSure, Lang: lang, Blocks: []bot.Block{bot.Para(bot.Text(lang, "askback"))},
		Outcome: bot.Outcome{Act: bot.ActQuestion}}
}

// aroundKey carries a follow-up's ranking of the facts around the last answer from
// inChat to reconsider.
type aroundKey struct{}

func withAround(ctx context.Context, around []knowledge.Scored) context.Context {
	return context.WithValue(ctx, aroundKey{}, around)
}

func aroundOf(ctx context.Context) []knowledge.Scored {
	a, _ := ctx.Value(aroundKey{}).([]knowledge.Scored)
	return a
}

// maxLeaningWords bounds a question that points back and names a word of its own,
// to be tried against the facts around the last answer when it is refused alone.
const maxLeaningWords = 8

// keepShare: the answer to a follow-up's rewrite stands when the facts around the
// last answer rank its fact at least this share of their best; otherwise their best
// answers.
const keepShare = 0.75

// aroundPick is the fact around the last answer that answers a follow-up instead of
// reply, nil when reply stands.
func aroundPick(around []knowledge.Scored, reply *bot.Reply) *knowledge.Fact {
	if len(around) == 0 || around[0].Score < knowledge.MinAround {
		return nil
	}
	got := 0.0
	if reply.Kind == bot.KindAnswer && len(reply.Outcome.FactIDs) > 0 {
		for _, s := range around {
			if slices.Contains(reply.Outcome.FactIDs, s.Fact.ID) {
				got = max(got, s.Score)
			}
		}
	}
	if got >= keepShare*around[0].Score {
		return nil
	}
	return around[0].Fact
}

// followUpAnswer answers a follow-up from fact f, in the follow-up's language unless
// the chat chose one.
func (s *Feature) followUpAnswer(ctx context.Context, asked string, f *knowledge.Fact) *bot.Reply {
	lang, src := bot.LangFrom(ctx)
	if l, ok := knowledge.DetectLang(asked); ok && !src.Fixed() {
		lang = l
	}
	r := s.b.AnswerReply(ctx, f, lang)
	r.Outcome = bot.Outcome{Act: bot.ActQuestion, FactIDs: []string{f.ID}}
	return r
}

// withText is a copy of m asking text instead, as a command when m was one.
func withText(m *bot.Message, rewritten string, isCmd bool) *bot.Message {
	cp := *m
	cp.Text = rewritten
	if isCmd {
		cp.Text = "/" + bot.QuestionCommand + " " + rewritten
		call := *m.Call
		call.Args = rewritten
		cp.Call = &call
	}
	return &cp
}

// reading is how a message was read against the chat's last answer: orig as sent, m
// as answered (the follow-up's rewrite when followed), and fallback, a second reading
// about the last answer to try when orig alone is refused.
type reading struct {
	orig, m, fallback *bot.Message
	followed          bool
}

// reconsider weighs a reply against the chat's last answer (lastID), the one thing
// the matcher does not see, and returns the reply with the message it answers and
// whether that message was read as a follow-up. Each rule only ever turns to a fact
// about the last answer's subject (tiedToLast) other than the last answer itself.
func (s *Feature) reconsider(ctx context.Context, next bot.Handler, rd reading, reply *bot.Reply, lastID string) (*bot.Reply, *bot.Message, bool) {
	answered := func(r *bot.Reply) bool {
		return r != nil && r.Kind == bot.KindAnswer && len(r.Outcome.FactIDs) > 0 && !slices.Contains(r.Outcome.FactIDs, lastID) && s.tiedToLast(ctx, r.Outcome.FactIDs, lastID)
	}
	if rd.followed && !s.onLastBody(ctx, rd.orig.Text, reply, lastID) {
		if f := aroundPick(aroundOf(ctx), reply); f != nil {
			if r := next.Handle(ctx, rd.orig); r != nil && r.Kind == bot.KindAnswer && slices.Equal(r.Outcome.FactIDs, []string{f.ID}) {
				// The message alone says as much: it names its own subject ("norma
				// itu mengikat ga?") and is a new question, not a follow-up.
				return r, rd.orig, false
			}
			return s.followUpAnswer(ctx, rd.orig.Text, f), rd.m, true
		}
	}
	if !rd.followed && refused(reply) {
		if f := aroundPick(aroundOf(ctx), reply); f != nil {
			return s.followUpAnswer(ctx, rd.orig.Text, f), rd.orig, true
		}
	}
	if !rd.followed && rd.fallback != nil && reply.Kind == bot.KindAnswer && !s.tiedToLast(ctx, reply.Outcome.FactIDs, lastID) && s.hedged(ctx, rd.orig) {
		// A short question naming only a side of its own ("indonesia ikut ga?")
		// that the matcher reads as one of several things (Indonesia in the GGEs,
		// in Budapest, in Hanoi) is about the conversation's subject when asked of
		// it, the matcher is sure of that reading, and it is about that subject.
		if r := next.Handle(ctx, rd.fallback); answered(r) && !s.hedged(ctx, rd.fallback) {
			return r, rd.fallback, true
		}
	}
	switch {
	case rd.followed && refused(reply):
		// The follow-up was read, but the matcher would not commit: the last
		// answer's subject tells which of its suggestions was meant.
		if r := s.onSubject(ctx, reply, reply.Outcome.Suggested, lastID); r != nil {
			return r, rd.m, true
		}
	case rd.followed && slices.Equal(reply.Outcome.FactIDs, []string{lastID}):
		// The rewrite named the last answer, and the matcher gave it back: the user
		// has read it. When the message alone is answered with another fact on the
		// same subject ("trus checklistnya kapan rilis?"), that is what was asked.
		if r := next.Handle(ctx, rd.orig); answered(r) {
			return r, rd.orig, true
		}
	case rd.fallback != nil && refused(reply):
		// A short question that named something, refused on its own, read once more
		// as being about the last answer ("indonesia jadi apa di situ?").
		if r := next.Handle(ctx, rd.fallback); answered(r) {
			return r, rd.fallback, true
		}
		// Or the matcher's own first guess, when it is about the last answer's
		// subject: two signals that agree ("versi 2.0 kapan terbit?" after the
		// Tallinn Manual).
		// Only when the guess holds most of what the question says: "btw presiden
		// indonesia tahun 2004 siapa ya?" shares only its year with the GGE of 2004.
		if len(reply.Outcome.Suggested) == 0 || s.coverage(ctx, rd.orig, reply.Outcome.Suggested[0]) < minGuessCoverage {
			break
		}
		if r := s.onSubject(ctx, reply, reply.Outcome.Suggested[:min(1, len(reply.Outcome.Suggested))], lastID); r != nil {
			return r, rd.orig, false
		}
	}
	return reply, rd.m, rd.followed
}

// hedged reports whether the matcher reads m's question only as likely, not sure:
// its answer would say which reading it took and name a neighbour.
func (s *Feature) hedged(ctx context.Context, m *bot.Message) bool {
	kb := s.kb(ctx)
	text := m.Text
	if m.Call != nil {
		text = m.Call.Args
	}
	lang, _ := bot.LangFrom(ctx)
	return kb.snap.Matcher.MatchQuestion(kb.snap.Matcher.Parse(text), lang).Likely
}

// minGuessCoverage is the least share of a refused question's content the matcher's
// first guess must hold to be taken on the strength of the last answer's subject.
const minGuessCoverage = 0.5

// coverage is the share of m's question that fact id holds.
func (s *Feature) coverage(ctx context.Context, m *bot.Message, id string) float64 {
	kb := s.kb(ctx)
	f, ok := kb.base.Get(id)
	if !ok {
		return 0
	}
	text := m.Text
	if m.Call != nil {
		text = m.Call.Args
	}
	return kb.snap.Matcher.Coverage(kb.snap.Matcher.Parse(text), f)
}

// refused reports whether reply declines to answer a question (a refusal with
// suggestions, or "not about this field").
func refused(reply *bot.Reply) bool {
	return reply.Kind == bot.KindNotSure && (reply.Outcome.Act == bot.ActQuestion || reply.Outcome.Act == bot.ActOffTopic)
}

// onSubject answers a refused follow-up from the first of its suggestions that is about
// the last answer's subject but is not the last answer itself (a follow-up asks
// something new, and the user has read that one); nil when none is. The answer says first what it was
// read as, so that a wrong reading shows at once.
func (s *Feature) onSubject(ctx context.Context, reply *bot.Reply, suggested []string, lastID string) *bot.Reply {
	kb := s.kb(ctx)
	var pick *knowledge.Fact
	for _, id := range suggested {
		f, ok := kb.base.Get(id)
		if ok && id != lastID && s.tiedToLast(ctx, []string{id}, lastID) {
			pick = f
			break
		}
	}
	if pick == nil {
		return nil
	}
	r := s.b.AnswerReply(ctx, pick, reply.Lang)
	r.Blocks = append([]bot.Block{{Spans: []bot.Span{{Text: bot.Text(reply.Lang, "likely", r.Title), Style: bot.Italic}}}}, r.Blocks...)
	r.Outcome = bot.Outcome{Act: bot.ActQuestion, FactIDs: []string{pick.ID}, Score: reply.Outcome.Score}
	return r
}

// tiedToLast reports whether any of ids is about the subject of the last answer: the
// last answer itself, a fact of the same body, one related to it either way, or one
// related to a fact it is related to (the facts around one convention point at each
// other's neighbours: its entry into force, its signing, Indonesia's signature).
func (s *Feature) tiedToLast(ctx context.Context, ids []string, lastID string) bool {
	kb := s.kb(ctx)
	last, ok := kb.base.Get(lastID)
	if !ok {
		return false
	}
	for _, id := range ids {
		f, ok := kb.base.Get(id)
		if !ok {
			continue
		}
		if f.ID == last.ID || f.Body != "" && f.Body == last.Body || slices.Contains(f.Related, last.ID) || slices.Contains(last.Related, f.ID) ||
			slices.ContainsFunc(f.Related, func(id string) bool { return slices.Contains(last.Related, id) }) {
			return true
		}
	}
	return false
}

// onLastBody reports whether reply answers a follow-up that asks about a body ("who
// chaired that group?") from the fact of the last answer's own body: the rewrite named
// that body, and the structured fields of its neighbours (another group's chair) do
// not outweigh it.
func (s *Feature) onLastBody(ctx context.Context, asked string, reply *bot.Reply, lastID string) bool {
	if !followup.AsksAboutBody(asked) || len(reply.Outcome.FactIDs) != 1 {
		return false
	}
	kb := s.kb(ctx)
	last, ok1 := kb.base.Get(lastID)
	f, ok2 := kb.base.Get(reply.Outcome.FactIDs[0])
	return ok1 && ok2 && f.Kind == knowledge.KindBody && f.Body != "" && f.Body == last.Body
}

// typedQuizAnswer answers the chat's open quiz with an option typed as a letter within
// quizWindow; nil when no quiz is open to it (the letter is then read as a question).
func (s *Feature) typedQuizAnswer(ctx context.Context, m *bot.Message, lang knowledge.Lang, option int) *bot.Reply {
	r, err := s.store.OpenQuizRound(ctx, m.ChatKey())
	if err != nil || s.now().Sub(r.CreatedAt) > quizWindow || option >= len(r.Options) {
		return nil
	}
	reply := s.answer(ctx, m, lang, r.ID, option)
	if reply == nil {
		// Already answered: say so rather than stay silent to a typed answer.
		reply = bot.InfoReply(roundLang(r, lang), bot.Text(roundLang(r, lang), "quiz.once"))
	}
	reply.Outcome.Act = bot.ActQuizAnswer
	return reply
}

// aboutLast answers a request in words about the last answer: its sources (/source),
// a citation (/cite) or more (its related facts).
func (s *Feature) aboutLast(ctx context.Context, asked string, req knowledge.Request, factID string) *bot.Reply {
	// The reply follows the request's language ("linknya dong" in Indonesian) unless
	// the chat chose one, as answers to questions do.
	lang, src := bot.LangFrom(ctx)
	if l, ok := knowledge.DetectLang(asked); ok && !src.Fixed() {
		lang = l
	}
	kb := s.kb(ctx)
	f, ok := kb.base.Get(factID)
	if !ok {
		return nil
	}
	switch req {
	case knowledge.WantSources:
		return &bot.Reply{Kind: bot.KindInfo, Lang: lang, FactID: f.ID, Title: bot.Text(lang, "source.title", f.Title(lang)),
			Sources: append([]knowledge.Source(nil), f.Sources...), Footer: bot.Text(lang, "answer.footer", f.ID)}
	case knowledge.WantCitation:
		return citeReply(f, lang)
	}
	r := &bot.Reply{Kind: bot.KindInfo, Lang: lang, FactID: f.ID, Title: bot.Text(lang, "more.title", f.Title(lang))}
	var related []*knowledge.Fact
	for _, id := range f.Related {
		if rf, ok := kb.base.Get(id); ok && len(related) < bot.MaxRelated {
			related = append(related, rf)
		}
	}
	if len(related) == 0 {
		r.Blocks = []bot.Block{bot.Para(bot.Text(lang, "more.none"))}
		return r
	}
	// The first related fact in full, the others as buttons: "more" wants reading, not a menu.
	first := related[0]
	r.Blocks = []bot.Block{{Spans: []bot.Span{{Text: first.Title(lang), Style: bot.Bold}}}, bot.Para(first.Answer(lang))}
	r.Sources = append([]knowledge.Source(nil), first.Sources...)
	if len(related) > 1 {
		r.Blocks = append(r.Blocks, bot.Para(bot.Text(lang, "more.pick")))
		r.Buttons = bot.FactButtons(related[1:], lang)
	}
	r.Outcome.FactIDs = []string{first.ID}
	return r
}

// smallTalkIsNod reports whether q is laughter or an acknowledgement (not a greeting,
// thanks or goodbye, which deserve a word back even in a group).
func smallTalkIsNod(q *knowledge.Question) bool {
	c := q.Chat().Chatter
	return c == knowledge.Laughter || c == knowledge.Ack
}
