package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Quiz limits.
const (
	leaderboardSize = 10
	maxQuizOption   = 60 // button label runes
)

// optionLetters label the options in text and on buttons.
var optionLetters = []string{"A", "B", "C", "D"}

// handleQuiz serves "/quiz [topic]", and the buttons' "/quiz answer <round> <option>"
// and "/quiz reveal <round>".
func (s *study) handleQuiz(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	kb := s.b.kb(ctx)
	fields := strings.Fields(Args(m))
	if len(fields) > 0 {
		switch strings.ToLower(fields[0]) {
		case "answer", "jawab":
			if len(fields) == 3 {
				id, err1 := strconv.ParseInt(fields[1], 10, 64)
				opt, err2 := strconv.Atoi(fields[2])
				if err1 == nil && err2 == nil {
					return s.answer(ctx, m, lang, id, opt)
				}
			}
			return info(lang, text(lang, "quiz.gone"))
		case "reveal", "lihat":
			if len(fields) == 2 {
				if id, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
					return s.reveal(ctx, m, lang, id)
				}
			}
			return info(lang, text(lang, "quiz.gone"))
		}
	}
	topic := ""
	if len(fields) > 0 {
		t, ok := s.findTopic(strings.Join(fields, " "))
		if !ok {
			return info(lang, text(lang, "quiz.unknowntop", truncateRunes(strings.Join(fields, " "), 40), s.quizTopics(kb)))
		}
		topic = t
	}
	s.rngMu.Lock()
	q, ok := kb.quiz.New(s.rng, topic)
	s.rngMu.Unlock()
	if !ok {
		return info(lang, text(lang, "quiz.none", s.quizTopics(kb)))
	}
	round := &QuizRound{ChatKey: m.ChatKey(), Kind: string(q.Kind), FactID: q.Fact.ID, Question: q.Question(lang), Lang: lang,
		Options: q.Options, Correct: q.Correct, CreatedAt: s.now()}
	if err := s.store.CreateQuizRound(ctx, round); err != nil {
		s.b.log.Warn("saving quiz round", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	rep := s.questionReply(ctx, lang, *round, nil, m.ChatKind == Private, "")
	rep.Quiz.Started = true
	return rep
}

// findTopic maps "/quiz oewg", "/quiz OEWG" or a topic label to a topic key.
func (s *study) findTopic(arg string) (string, bool) {
	a := strings.ToLower(strings.TrimSpace(arg))
	for _, t := range knowledge.AllTopics() {
		if a == t.Key || a == strings.ToLower(t.LabelEN) || a == strings.ToLower(t.LabelID) {
			return t.Key, true
		}
	}
	return "", false
}

// quizTopics lists the topic keys that have quiz questions.
func (s *study) quizTopics(kb *view) string {
	var keys []string
	for _, t := range knowledge.AllTopics() {
		if kb.quiz.Eligible(t.Key) > 0 {
			keys = append(keys, t.Key)
		}
	}
	return strings.Join(keys, ", ")
}

// questionReply shows an open round: the question, lettered options, one button per
// option, and in groups a reveal button and who has answered so far.
func (s *study) questionReply(ctx context.Context, lang knowledge.Lang, r QuizRound, answers []QuizAnswer, private bool, note string) *Reply {
	rep := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "quiz.title"), Blocks: []Block{{Spans: []Span{{Text: r.Question, Style: Bold}}}},
		Quiz: &QuizCard{QuizPoll: s.poll(ctx, r, lang)}}
	for i, o := range r.Options {
		rep.Blocks = append(rep.Blocks, para(optionLetters[i]+". "+o))
		rep.Buttons = append(rep.Buttons, []Button{{Label: optionLetters[i] + ". " + truncateRunes(o, maxQuizOption), Data: fmt.Sprintf("/quiz answer %d %d", r.ID, i)}})
	}
	if len(answers) > 0 {
		names := make([]string, 0, len(answers))
		for _, a := range answers {
			names = append(names, displayName(a.UserName))
		}
		rep.Blocks = append(rep.Blocks, Block{Spans: []Span{{Text: text(lang, "quiz.answered", strings.Join(names, ", ")), Style: Italic}}})
	}
	if note != "" {
		rep.Blocks = append(rep.Blocks, Block{Spans: []Span{{Text: note, Style: Italic}}})
	}
	if !private {
		rep.Buttons = append(rep.Buttons, []Button{{Label: text(lang, "quiz.reveal"), Data: fmt.Sprintf("/quiz reveal %d", r.ID)}})
	}
	return rep
}

func displayName(n string) string {
	n = strings.TrimSpace(n)
	if n == "" {
		return "?"
	}
	return truncateRunes(n, 32)
}

// loadRound fetches a round of this chat; a round of another chat is treated as gone,
// so a crafted button cannot touch another chat's quiz.
func (s *study) loadRound(ctx context.Context, m *Message, id int64) (QuizRound, bool) {
	r, err := s.store.QuizRound(ctx, id)
	if err != nil {
		if !errors.Is(err, ErrNotFound) {
			s.b.log.Warn("reading quiz round", "round", id, "err", err)
		}
		return QuizRound{}, false
	}
	return r, r.ChatKey == m.ChatKey()
}

// roundLang keeps a round's message in the language it was asked in: a click updates
// that message in place, and button data carries no language.
func roundLang(r QuizRound, fallback knowledge.Lang) knowledge.Lang {
	if r.Lang == knowledge.EN || r.Lang == knowledge.ID {
		return r.Lang
	}
	return fallback
}

// answer records a click. The first click per user counts; a private chat reveals at
// once, a group shows who has answered until someone reveals.
func (s *study) answer(ctx context.Context, m *Message, lang knowledge.Lang, id int64, opt int) *Reply {
	r, ok := s.loadRound(ctx, m, id)
	if !ok || opt < 0 || opt >= len(r.Options) {
		return info(lang, text(lang, "quiz.gone"))
	}
	lang = roundLang(r, lang)
	out, err := s.store.AnswerQuiz(ctx, id, QuizAnswer{UserID: m.UserID, UserName: m.UserName, Option: opt, At: s.now()})
	if err != nil {
		s.b.log.Warn("saving quiz answer", "round", id, "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	switch {
	case out == AnswerClosed:
		return s.revealReply(ctx, lang, r)
	case m.ChatKind == Private:
		if _, err := s.store.CloseQuizRound(ctx, id); err != nil {
			s.b.log.Warn("closing quiz round", "round", id, "err", err)
		}
		r.Closed = true
		return s.revealReply(ctx, lang, r)
	case out == AnswerDuplicate:
		// The message already shows this state; an identical edit is pointless.
		return nil
	}
	answers, err := s.store.QuizAnswers(ctx, id)
	if err != nil {
		s.b.log.Warn("reading quiz answers", "round", id, "err", err)
	}
	return s.questionReply(ctx, lang, r, answers, false, "")
}

// reveal closes a round and shows the answer. In a group, someone who has answered or
// an admin may reveal; anyone else is asked to answer first.
func (s *study) reveal(ctx context.Context, m *Message, lang knowledge.Lang, id int64) *Reply {
	r, ok := s.loadRound(ctx, m, id)
	if !ok {
		return info(lang, text(lang, "quiz.gone"))
	}
	lang = roundLang(r, lang)
	if !r.Closed && m.ChatKind != Private && !m.IsAdmin {
		answers, err := s.store.QuizAnswers(ctx, id)
		if err != nil {
			s.b.log.Warn("reading quiz answers", "round", id, "err", err)
		}
		answered := false
		for _, a := range answers {
			answered = answered || a.UserID == m.UserID
		}
		if !answered {
			return s.questionReply(ctx, lang, r, answers, false, text(lang, "quiz.answerfirst"))
		}
	}
	if _, err := s.store.CloseQuizRound(ctx, id); err != nil {
		s.b.log.Warn("closing quiz round", "round", id, "err", err)
	}
	r.Closed = true
	return s.revealReply(ctx, lang, r)
}

// revealReply shows the correct answer, the fact that states it with its source, and
// who got it right.
func (s *study) revealReply(ctx context.Context, lang knowledge.Lang, r QuizRound) *Reply {
	rep := &Reply{Kind: KindAnswer, Lang: lang, Title: text(lang, "quiz.title"), FactID: r.FactID,
		Blocks: []Block{{Spans: []Span{{Text: r.Question, Style: Bold}}}}}
	for i, o := range r.Options {
		mark := "   "
		if i == r.Correct {
			mark = "✓ "
		}
		rep.Blocks = append(rep.Blocks, para(mark+optionLetters[i]+". "+o))
	}
	rep.Blocks = append(rep.Blocks, Block{Spans: []Span{{Text: text(lang, "quiz.correct", optionLetters[r.Correct]+". "+r.Options[r.Correct]), Style: Bold}}})
	if f, ok := s.b.kb(ctx).base.Get(r.FactID); ok {
		rep.Blocks = append(rep.Blocks, para(f.Answer(lang)))
		rep.Sources = []knowledge.Source{f.Sources[0]}
		rep.Footer = text(lang, "answer.footer", f.ID)
	} else {
		rep.Blocks = append(rep.Blocks, Block{Spans: []Span{{Text: text(lang, "quiz.nosource"), Style: Italic}}})
	}
	answers, err := s.store.QuizAnswers(ctx, r.ID)
	if err != nil {
		s.b.log.Warn("reading quiz answers", "round", r.ID, "err", err)
	}
	var right, wrong []string
	for _, a := range answers {
		if a.Correct {
			right = append(right, displayName(a.UserName))
		} else {
			wrong = append(wrong, displayName(a.UserName))
		}
	}
	switch {
	case len(answers) == 1 && len(right) == 1:
		rep.Blocks = append(rep.Blocks, para(text(lang, "quiz.youright")))
	case len(answers) == 1:
		rep.Blocks = append(rep.Blocks, para(text(lang, "quiz.youwrong")))
	case len(answers) == 0:
		rep.Blocks = append(rep.Blocks, para(text(lang, "quiz.nobody")))
	default:
		if len(right) > 0 {
			rep.Blocks = append(rep.Blocks, para(text(lang, "quiz.right", strings.Join(right, ", "))))
		}
		if len(wrong) > 0 {
			rep.Blocks = append(rep.Blocks, para(text(lang, "quiz.wrong", strings.Join(wrong, ", "))))
		}
	}
	rep.Buttons = [][]Button{{{Label: text(lang, "quiz.next"), Data: "/quiz"}, {Label: text(lang, "quiz.board"), Data: "/leaderboard"}}}
	return rep
}

func (s *study) handleLeaderboard(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	board, err := s.store.Leaderboard(ctx, m.ChatKey(), leaderboardSize)
	if err != nil {
		s.b.log.Warn("reading leaderboard", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	if len(board) == 0 {
		return info(lang, text(lang, "board.empty"))
	}
	rep := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "board.title")}
	for _, sc := range board {
		rep.Blocks = append(rep.Blocks, para(text(lang, "board.line", sc.Rank, displayName(sc.UserName), sc.Correct, sc.Answered)))
	}
	return rep
}

func (s *study) handleMyStats(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	sc, ok, err := s.store.PlayerStats(ctx, m.ChatKey(), m.UserID)
	if err != nil {
		s.b.log.Warn("reading player stats", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	if !ok {
		return info(lang, text(lang, "stats.none"))
	}
	all, err := s.store.Leaderboard(ctx, m.ChatKey(), 0)
	if err != nil {
		s.b.log.Warn("reading leaderboard", "chat", m.ChatKey(), "err", err)
	}
	name := strings.TrimSpace(m.UserName)
	if name == "" {
		name = text(lang, "stats.you")
	}
	pct := 0
	if sc.Answered > 0 {
		pct = sc.Correct * 100 / sc.Answered
	}
	return info(lang, text(lang, "stats.line", displayName(name), sc.Correct, sc.Answered, pct, sc.Rank, max(len(all), sc.Rank)))
}

// QuizPoll is a quiz question ready for a platform's native quiz (Telegram sendPoll
// with type=quiz): the adapter sends it instead of rendering the buttons, and reports
// each poll answer with RecordQuizAnswer.
type QuizPoll struct {
	RoundID  int64
	Question string
	Options  []string
	Correct  int
	// Explanation fits Telegram's 200-character limit and cites the source.
	Explanation string
}

// QuizPoll returns the native-quiz form of a reply that shows an open quiz question,
// and false for any other reply.
func (b *Bot) QuizPoll(_ context.Context, r *Reply) (QuizPoll, bool) {
	if r == nil || r.Quiz == nil {
		return QuizPoll{}, false
	}
	return r.Quiz.QuizPoll, true
}

// poll is the native-quiz form of an open round, its explanation citing the fact
// behind it in the round's language.
func (s *study) poll(ctx context.Context, round QuizRound, lang knowledge.Lang) QuizPoll {
	p := QuizPoll{RoundID: round.ID, Question: round.Question, Options: round.Options, Correct: round.Correct}
	if f, ok := s.b.kb(ctx).base.Get(round.FactID); ok {
		q := knowledge.Quiz{Kind: knowledge.QuizKind(round.Kind), Fact: f, Options: round.Options, Correct: round.Correct}
		p.Explanation = q.ShortExplanation(roundLang(round, lang), 200)
	}
	return p
}

// BindQuizPoll remembers which platform poll carries a round (pollRef such as
// "telegram:<poll id>"), so that poll answers can be scored, also after a restart.
func (b *Bot) BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error {
	return b.study.store.BindQuizPoll(ctx, pollRef, roundID)
}

// RecordPollAnswer scores an answer to a bound poll (Telegram poll_answer carries the
// poll id, not the chat). The first answer per user counts.
func (b *Bot) RecordPollAnswer(ctx context.Context, pollRef, userID, userName string, option int) (AnswerOutcome, error) {
	round, err := b.study.store.QuizRoundByPoll(ctx, pollRef)
	if err != nil {
		return 0, err
	}
	return b.RecordQuizAnswer(ctx, round.ChatKey, round.ID, userID, userName, option)
}

// RecordQuizAnswer scores a native poll answer (Telegram poll_answer): the first answer
// per user counts. The round must belong to chatKey.
func (b *Bot) RecordQuizAnswer(ctx context.Context, chatKey string, roundID int64, userID, userName string, option int) (AnswerOutcome, error) {
	round, err := b.study.store.QuizRound(ctx, roundID)
	if err != nil {
		return 0, err
	}
	if round.ChatKey != chatKey || option < 0 || option >= len(round.Options) {
		return 0, ErrNotFound
	}
	return b.study.store.AnswerQuiz(ctx, roundID, QuizAnswer{UserID: userID, UserName: userName, Option: option, At: b.now()})
}
