package telegram

import (
	"context"
	"errors"
	"strconv"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// quizBrain is what native quiz polls need of the bot: the study feature (bot/study) has
// it. The adapter finds it among the bot's features (quizFeature), so a bot without
// quizzes still fits the small brain interface and the main program wires nothing.
type quizBrain interface {
	QuizPoll(ctx context.Context, r *bot.Reply) (bot.QuizPoll, bool)
	BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error
	RecordPollAnswer(ctx context.Context, pollRef, userID, userName string, option int) (bot.AnswerOutcome, error)
}

// quizFeature is the feature of b that runs quizzes, nil when it has none.
func quizFeature(b brain) quizBrain {
	withFeatures, ok := b.(interface{ Features() []bot.Feature })
	if !ok {
		return nil
	}
	for _, f := range withFeatures.Features() {
		if q, ok := f.(quizBrain); ok {
			return q
		}
	}
	return nil
}

// Telegram's limits on a quiz poll (Bot API 5.5), in characters.
const (
	pollQuestionMax    = 300
	pollOptionMax      = 100
	pollExplanationMax = 200
	pollOptionsMin     = 2
	pollOptionsMax     = 10
)

// quizPollFor returns the native quiz form of a reply, when the bot made a quiz and Telegram
// can show it as one. Channels are left out: their polls must be anonymous, so answers
// could not be scored.
func (a *Adapter) quizPollFor(ctx context.Context, kind bot.ChatKind, reply *bot.Reply) *bot.QuizPoll {
	if a.quiz == nil || kind == bot.Channel {
		return nil
	}
	qp, ok := a.quiz.QuizPoll(ctx, reply)
	if !ok || !pollFits(qp) {
		return nil
	}
	return &qp
}

func pollFits(qp bot.QuizPoll) bool {
	if qp.Question == "" || utf8.RuneCountInString(qp.Question) > pollQuestionMax ||
		len(qp.Options) < pollOptionsMin || len(qp.Options) > pollOptionsMax ||
		qp.Correct < 0 || qp.Correct >= len(qp.Options) ||
		utf8.RuneCountInString(qp.Explanation) > pollExplanationMax {
		return false
	}
	for _, o := range qp.Options {
		if o == "" || utf8.RuneCountInString(o) > pollOptionMax {
			return false
		}
	}
	return true
}

// pollRef names a Telegram poll for the bot's store.
func pollRef(id string) string { return "telegram:" + id }

// sendQuizPoll sends a quiz as a native, non-anonymous poll (so every answer arrives as a
// poll_answer to score) and binds the poll to the bot's round.
func (a *Adapter) sendQuizPoll(ctx context.Context, out *outgoing) outcome {
	qp := out.poll
	var pollID string
	res := a.attempt(ctx, out, nil, false, func(ctx context.Context, _ *tgbotapi.InlineKeyboardMarkup) error {
		cfg := tgbotapi.NewPoll(out.chatID, chattext.Clean(qp.Question), cleanAll(qp.Options)...)
		cfg.Type = "quiz"
		cfg.IsAnonymous = false
		cfg.CorrectOptionID = int64(qp.Correct)
		cfg.Explanation = chattext.Clean(qp.Explanation)
		if out.group && out.replyTo != 0 {
			cfg.ReplyToMessageID = out.replyTo
			cfg.AllowSendingWithoutReply = true
		}
		msg, err := a.api(ctx).Send(cfg)
		if err != nil {
			return err
		}
		if msg.Poll == nil || msg.Poll.ID == "" {
			return errors.New("sendPoll answered without a poll")
		}
		pollID = msg.Poll.ID
		return nil
	})
	if res != sent {
		return res
	}
	if err := a.quiz.BindQuizPoll(ctx, pollRef(pollID), qp.RoundID); err != nil {
		// The poll is out; its answers just will not count. Rare (a store failure), so say it.
		a.log.Warn("cannot bind the quiz poll to its round; its answers will not be scored",
			"chat", out.chatID, "round", qp.RoundID, "err", err)
	}
	return sent
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = chattext.Clean(s)
	}
	return out
}

// handlePollAnswer scores an answer to one of the bot's quiz polls. Telegram shows right or
// wrong itself, so nothing is sent back. A retracted vote (no options) changes nothing: the
// first answer counts.
func (a *Adapter) handlePollAnswer(ctx context.Context, pa *tgbotapi.PollAnswer) {
	if a.quiz == nil || len(pa.OptionIDs) == 0 || pa.User.IsBot {
		return
	}
	outcome, err := a.quiz.RecordPollAnswer(ctx, pollRef(pa.PollID), strconv.FormatInt(pa.User.ID, 10),
		displayName(&pa.User), pa.OptionIDs[0])
	if err != nil {
		// A poll from before the store was reset, or not a quiz of ours.
		a.log.Debug("poll answer not scored", "poll", pa.PollID, "err", err)
		return
	}
	a.log.Debug("poll answer scored", "poll", pa.PollID, "outcome", int(outcome))
}
