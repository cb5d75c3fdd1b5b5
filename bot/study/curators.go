package study

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// CuratorKindOf tells a low-confidence refusal (it offers facts, Outcome.Suggested)
// from a plain one, for the curators' log of any front end.
func CuratorKindOf(r *bot.Reply) bot.CuratorKind {
	if len(r.Outcome.Suggested) > 0 {
		return bot.CuratorLowConfidence
	}
	return bot.CuratorRefused
}

// maxCuratorRunes bounds a logged question.
const maxCuratorRunes = 300

// normaliseQuestion lowercases and collapses a question for the curators' log, so the
// same question asked twice is counted once.
func normaliseQuestion(q string) string {
	q = strings.ToLower(strings.Join(strings.Fields(q), " "))
	q = strings.Trim(q, " ?!.,;:")
	if utf8.RuneCountInString(q) > maxCuratorRunes {
		q = string([]rune(q)[:maxCuratorRunes])
	}
	return q
}

func (s *Feature) logCurator(ctx context.Context, kind bot.CuratorKind, q string, chatKind bot.ChatKind) error {
	q = normaliseQuestion(q)
	if q == "" {
		return nil
	}
	if err := s.store.LogCurator(ctx, kind, q, chatKind.String(), s.now()); err != nil {
		s.log().Warn("writing the curators' log", "err", err)
		return err
	}
	return nil
}

func (s *Feature) handleReport(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	what := bot.Args(m)
	if what == "" {
		return bot.InfoReply(lang, bot.Text(lang, "report.usage"))
	}
	if c, err := s.b.ChatOf(ctx, m.ChatKey()); err == nil && c.Last.FactID != "" {
		what = "[" + c.Last.FactID + "] " + what
	}
	if s.logCurator(ctx, bot.CuratorReport, what, m.ChatKind) != nil {
		// Thanking the user would promise a report nobody will see.
		return bot.ErrorReply(lang, bot.Text(lang, "report.failed"))
	}
	return bot.InfoReply(lang, bot.Text(lang, "report.thanks"))
}
