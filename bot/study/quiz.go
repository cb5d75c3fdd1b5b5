package study

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot"
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
func (s *Feature) handleQuiz(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	kb := s.kb(ctx)
	fields := strings.Fields(bot.Args(m))
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
			return bot.InfoReply(lang, bot.Text(lang, "quiz.gone"))
		case "reveal", "lihat":
			if len(fields) == 2 {
				if id, err := strconv.ParseInt(fields[1], 10, 64); err == nil {
					return s.reveal(ctx, m, lang, id)
				}
			}
			return bot.InfoReply(lang, bot.Text(lang, "quiz.gone"))
		}
	}
	topic := ""
	if len(fields) > 0 {
		t, ok := s.findTopic(strings.Join(fields, " "))
		if !ok {
			return bot.InfoReply(lang, bot.Text(lang, "quiz.unknowntop", bot.Truncate(strings.Join(fields, " "), 40), s.quizTopics(kb)))
		}
		topic = t
	}
	s.rngMu.Lock()
	q, ok := kb.quiz.New(s.rng, topic)
	s.rngMu.Unlock()
	if !ok {
		return bot.InfoReply(lang, bot.Text(lang, "quiz.none", s.quizTopics(kb)))
	}
	round := &bot.QuizRound{ChatKey: m.ChatKey(), Kind: string(q.Kind), FactID: q.Fact.ID, Question: q.Question(lang), Lang: lang,
		Options: q.Options, Correct: q.Correct, CreatedAt: s.now()}
	if err := s.store.CreateQuizRound(ctx, round); err != nil {
		s.log().Warn("saving quiz round", "chat", m.ChatKey(), "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	rep := s.questionReply(ctx, lang, *round, nil, m.ChatKind == bot.Private, "")
	rep.Quiz.Started = true
	return rep
}

// findTopic maps "/quiz oewg", "/quiz OEWG" or a topic label to a topic key.
func (s *Feature) findTopic(arg string) (string, bool) {
	a := strings.ToLower(strings.TrimSpace(arg))
	for _, t := range knowledge.AllTopics() {
		if a == t.Key || a == strings.ToLower(t.LabelEN) || a == strings.ToLower(t.LabelID) {
			return t.Key, true
		}
	}
	return "", false
}

// quizTopics lists the topic keys that have quiz questions.
func (s *Feature) quizTopics(kb *view) string {
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
func (s *Feature) questionReply(ctx context.Context, lang knowledge.Lang, r bot.QuizRound, answers []bot.QuizAnswer, private bool, note string) *bot.Reply {
	rep := &bot.Reply{Kind: bot.KindInfo, Lang: lang, Title: bot.Text(lang, "quiz.title"), Blocks: []bot.Block{{Spans: []bot.Span{{Text: r.Question, Style: bot.Bold}}}},
		Quiz: &bot.QuizCard{QuizPoll: s.poll(ctx, r, lang)}}
	for i, o := range r.Options {
		rep.Blocks = append(rep.Blocks, bot.Para(optionLetters[i]+". "+o))
		rep.Buttons = append(rep.Buttons, []bot.Button{{Label: optionLetters[i] + ". " + bot.Truncate(o, maxQuizOption), Data: fmt.Sprintf("/quiz answer %d %d", r.ID, i)}})
	}
	if len(answers) > 0 {
		names := make([]string, 0, len(answers))
		for _, a := range answers {
			names = append(names, displayName(a.UserName))
		}
		rep.Blocks = append(rep.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "quiz.answered", strings.Join(names, ", ")), Style: bot.Italic}}})
	}
	if note != "" {
		rep.Blocks = append(rep.Blocks, bot.Block{Spans: []bot.Span{{Text: note, Style: bot.Italic}}})
	}
	if !private {
		rep.Buttons = append(rep.Buttons, []bot.Button{{Label: bot.Text(lang, "quiz.reveal"), Data: fmt.Sprintf("/quiz reveal %d", r.ID)}})
	}
	return rep
}

func displayName(n string) string {
	n = strings.TrimSpace(n)
	if n == "" {
		return "?"
	}
	return bot.Truncate(n, 32)
}

// loadRound fetches a round of this chat; a round of another chat is treated as gone,
// so a crafted button cannot touch another chat's quiz.
func (s *Feature) loadRound(ctx context.Context, m *bot.Message, id int64) (bot.QuizRound, bool) {
	r, err := s.store.QuizRound(ctx, id)
	if err != nil {
		if !errors.Is(err, bot.ErrNotFound) {
			s.log().Warn("reading quiz round", "round", id, "err", err)
		}
		return bot.QuizRound{}, false
	}
	return r, r.ChatKey == m.ChatKey()
}

// roundLang keeps a round's message in the language it was asked in: a click updates
// that message in place, and button data carries no language.
func roundLang(r bot.QuizRound, fallback knowledge.Lang) knowledge.Lang {
	if r.Lang == knowledge.EN || r.Lang == knowledge.ID {
		return r.Lang
	}
	return fallback
}

// answer records a click. The first click per user counts; a private chat reveals at
// once, a group shows who has answered until someone reveals.
func (s *Feature) answer(ctx context.Context, m *bot.Message, lang knowledge.Lang, id int64, opt int) *bot.Reply {
	r, ok := s.loadRound(ctx, m, id)
	if !ok || opt < 0 || opt >= len(r.Options) {
		return bot.InfoReply(lang, bot.Text(lang, "quiz.gone"))
	}
	lang = roundLang(r, lang)
	out, err := s.store.AnswerQuiz(ctx, id, bot.QuizAnswer{UserID: m.UserID, UserName: m.UserName, Option: opt, At: s.now()})
	if err != nil {
		s.log().Warn("saving quiz answer", "round", id, "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	switch {
	case out == bot.AnswerClosed:
		return s.revealReply(ctx, lang, r)
	case m.ChatKind == bot.Private:
		if _, err := s.store.CloseQuizRound(ctx, id); err != nil {
			s.log().Warn("closing quiz round", "round", id, "err", err)
		}
		r.Closed = true
		return s.revealReply(ctx, lang, r)
	case out == bot.AnswerDuplicate:
		// The message already shows this state; an identical edit is pointless.
		return nil
	}
	answers, err := s.store.QuizAnswers(ctx, id)
	if err != nil {
		s.log().Warn("reading quiz answers", "round", id, "err", err)
	}
	return s.questionReply(ctx, lang, r, answers, false, "")
}

// reveal closes a round and shows the answer. In a group, someone who has answered or
// an admin may reveal; anyone else is asked to answer first.
func (s *Feature) reveal(ctx context.Context, m *bot.Message, lang knowledge.Lang, id int64) *bot.Reply {
	r, ok := s.loadRound(ctx, m, id)
	if !ok {
		return bot.InfoReply(lang, bot.Text(lang, "quiz.gone"))
	}
	lang = roundLang(r, lang)
	if !r.Closed && m.ChatKind != bot.Private && !m.IsAdmin {
		answers, err := s.store.QuizAnswers(ctx, id)
		if err != nil {
			s.log().Warn("reading quiz answers", "round", id, "err", err)
		}
		answered := false
		for _, a := range answers {
			answered = answered || a.UserID == m.UserID
		}
		if !answered {
			return s.questionReply(ctx, lang, r, answers, false, bot.Text(lang, "quiz.answerfirst"))
		}
	}
	if _, err := s.store.CloseQuizRound(ctx, id); err != nil {
		s.log().Warn("closing quiz round", "round", id, "err", err)
	}
	r.Closed = true
	return s.revealReply(ctx, lang, r)
}

// revealReply shows the correct answer, the fact that states it with its source, and
// who got it right.
func (s *Feature) revealReply(ctx context.Context, lang knowledge.Lang, r bot.QuizRound) *bot.Reply {
	rep := &bot.Reply{Kind: bot.KindAnswer, Lang: lang, Title: bot.Text(lang, "quiz.title"), FactID: r.FactID,
		Blocks: []bot.Block{{Spans: []bot.Span{{Text: r.Question, Style: bot.Bold}}}}}
	for i, o := range r.Options {
		mark := "   "
		if i == r.Correct {
			mark = "✓ "
		}
		rep.Blocks = append(rep.Blocks, bot.Para(mark+optionLetters[i]+". "+o))
	}
	rep.Blocks = append(rep.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "quiz.correct", optionLetters[r.Correct]+". "+r.Options[r.Correct]), Style: bot.Bold}}})
	if f, ok := s.kb(ctx).base.Get(r.FactID); ok {
		rep.Blocks = append(rep.Blocks, bot.Para(f.Answer(lang)))
		rep.Sources = []knowledge.Source{f.Sources[0]}
		rep.Footer = bot.Text(lang, "answer.footer", f.ID)
	} else {
		rep.Blocks = append(rep.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "quiz.nosource"), Style: bot.Italic}}})
	}
	answers, err := s.store.QuizAnswers(ctx, r.ID)
	if err != nil {
		s.log().Warn("reading quiz answers", "round", r.ID, "err", err)
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
		rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "quiz.youright")))
	case len(answers) == 1:
		rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "quiz.youwrong")))
	case len(answers) == 0:
		rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "quiz.nobody")))
	default:
		if len(right) > 0 {
			rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "quiz.right", strings.Join(right, ", "))))
		}
		if len(wrong) > 0 {
			rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "quiz.wrong", strings.Join(wrong, ", "))))
		}
	}
	rep.Buttons = [][]bot.Button{{{Label: bot.Text(lang, "quiz.next"), Data: "/quiz"}, {Label: bot.Text(lang, "quiz.board"), Data: "/leaderboard"}}}
	return rep
}

func (s *Feature) handleLeaderboard(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	board, err := s.store.Leaderboard(ctx, m.ChatKey(), leaderboardSize)
	if err != nil {
		s.log().Warn("reading leaderboard", "chat", m.ChatKey(), "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	if len(board) == 0 {
		return bot.InfoReply(lang, bot.Text(lang, "board.empty"))
	}
	rep := &bot.Reply{Kind: bot.KindInfo, Lang: lang, Title: bot.Text(lang, "board.title")}
	for _, sc := range board {
		rep.Blocks = append(rep.Blocks, bot.Para(bot.Text(lang, "board.line", sc.Rank, displayName(sc.UserName), sc.Correct, sc.Answered)))
	}
	return rep
}

func (s *Feature) handleMyStats(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	sc, ok, err := s.store.PlayerStats(ctx, m.ChatKey(), m.UserID)
	if err != nil {
		s.log().Warn("reading player stats", "chat", m.ChatKey(), "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	if !ok {
		return bot.InfoReply(lang, bot.Text(lang, "stats.none"))
	}
	all, err := s.store.Leaderboard(ctx, m.ChatKey(), 0)
	if err != nil {
		s.log().Warn("reading leaderboard", "chat", m.ChatKey(), "err", err)
	}
	name := strings.TrimSpace(m.UserName)
	if name == "" {
		name = bot.Text(lang, "stats.you")
	}
	pct := 0
	if sc.Answered > 0 {
		pct = sc.Correct * 100 / sc.Answered
	}
	return bot.InfoReply(lang, bot.Text(lang, "stats.line", displayName(name), sc.Correct, sc.Answered, pct, sc.Rank, max(len(all), sc.Rank)))
}

// QuizPoll returns the native-quiz form of a reply that shows an open quiz question,
// and false for any other reply.
func (s *Feature) QuizPoll(_ context.Context, r *bot.Reply) (bot.QuizPoll, bool) {
	if r == nil || r.Quiz == nil {
		return bot.QuizPoll{}, false
	}
	return r.Quiz.QuizPoll, true
}

// poll is the native-quiz form of an open round, its explanation citing the fact
// behind it in the round's language.
func (s *Feature) poll(ctx context.Context, round bot.QuizRound, lang knowledge.Lang) bot.QuizPoll {
	p := bot.QuizPoll{RoundID: round.ID, Question: round.Question, Options: round.Options, Correct: round.Correct}
	if f, ok := s.kb(ctx).base.Get(round.FactID); ok {
		q := knowledge.Quiz{Kind: knowledge.QuizKind(round.Kind), Fact: f, Options: round.Options, Correct: round.Correct}
		p.Explanation = q.ShortExplanation(roundLang(round, lang), 200)
	}
	return p
}

// BindQuizPoll remembers which platform poll carries a round (pollRef such as
// "telegram:<poll id>"), so that poll answers can be scored, also after a restart.
func (s *Feature) BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error {
	return s.store.BindQuizPoll(ctx, pollRef, roundID)
}

// RecordPollAnswer scores an answer to a bound poll (Telegram poll_answer carries the
// poll id, not the chat). The first answer per user counts.
func (s *Feature) RecordPollAnswer(ctx context.Context, pollRef, userID, userName string, option int) (bot.AnswerOutcome, error) {
	round, err := s.store.QuizRoundByPoll(ctx, pollRef)
	if err != nil {
		return 0, err
	}
	return s.RecordQuizAnswer(ctx, round.ChatKey, round.ID, userID, userName, option)
}

// RecordQuizAnswer scores a native poll answer (Telegram poll_answer): the first answer
// per user counts. The round must belong to chatKey.
func (s *Feature) RecordQuizAnswer(ctx context.Context, chatKey string, roundID int64, userID, userName string, option int) (bot.AnswerOutcome, error) {
	round, err := s.store.QuizRound(ctx, roundID)
	if err != nil {
		return 0, err
	}
	if round.ChatKey != chatKey || option < 0 || option >= len(round.Options) {
		return 0, bot.ErrNotFound
	}
	return s.store.AnswerQuiz(ctx, roundID, bot.QuizAnswer{UserID: userID, UserName: userName, Option: option, At: s.now()})
}
