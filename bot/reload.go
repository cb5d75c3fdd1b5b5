package bot

import (
	"context"
	"errors"
	"slices"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxReloadProblems bounds the problems /reload lists in chat; the log has them all.
const maxReloadProblems = 10

// reloadText are the texts of /reload, kept next to it (see catalog).
var reloadText = map[string]msg{
	"reload.operator": {"Reloading the fact base is for the bot's operator.", "Memuat ulang basis fakta hanya untuk operator bot."},
	"reload.fixed":    {"This fact base is built in; there are no fact packs to reload.", "Basis fakta ini bawaan; tidak ada paket fakta untuk dimuat ulang."},
	"reload.ok":       {"Fact base reloaded: %d facts (%d added, %d removed, %d changed).", "Basis fakta dimuat ulang: %d fakta (%d ditambah, %d dihapus, %d diubah)."},
	"reload.rejected": {"Fact packs rejected, %d problem(s); I keep answering from the previous base (%d facts):", "Paket fakta ditolak, %d masalah; saya tetap menjawab dari basis sebelumnya (%d fakta):"},
	"reload.more":     {"… and %d more in the log.", "… dan %d lainnya di log."},
	"reload.failed":   {"Fact packs could not be read; I keep answering from the previous base (%d facts): %s", "Paket fakta tidak dapat dibaca; saya tetap menjawab dari basis sebelumnya (%d fakta): %s"},
}

func (b *Bot) reloadCommands() []Command {
	return []Command{{
		Name: "reload", AliasesID: []string{"muatulang"}, Hidden: true,
		DescriptionEN: "Reload the fact packs (operator only)",
		DescriptionID: "Muat ulang paket fakta (khusus operator)",
		Handler:       HandlerFunc(b.handleReload),
	}}
}

// isOperator tells whether m comes from someone who runs the bot: the console's user,
// or a configured operator writing in private. Chat admins are not enough: a group
// admin on Telegram is anyone who made a group, and a reload's problems name files
// on the server.
func (b *Bot) isOperator(m *Message) bool {
	if m.ChatKind != Private {
		return false
	}
	return m.Platform == "console" || m.UserID != "" && slices.Contains(b.opts.Operators, m.Platform+":"+m.UserID)
}

// handleReload serves /reload: reload the fact packs now and say how it went.
func (b *Bot) handleReload(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	if !b.isOperator(m) {
		if m.ChatKind != Private {
			return nil // groups see other bots' commands too; say nothing
		}
		return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "reload.operator"))}}
	}
	rep, err := b.lib.Reload()
	if errors.Is(err, knowledge.ErrNotReloadable) {
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "reload.fixed"))}}
	}
	b.log.Info("reload requested", "platform", m.Platform, "user", m.UserID, "ok", err == nil)
	if err == nil {
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{
			para(text(lang, "reload.ok", rep.Facts, len(rep.Added), len(rep.Removed), len(rep.Changed)))}}
	}
	serving := b.lib.Current().Base.Len()
	var verr *knowledge.ValidationError
	if !errors.As(err, &verr) {
		return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "reload.failed", serving, errors.Unwrap(err)))}}
	}
	r := &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "reload.rejected", len(verr.Problems), serving))}}
	for i, p := range verr.Problems {
		if i == maxReloadProblems {
			r.Blocks = append(r.Blocks, para(text(lang, "reload.more", len(verr.Problems)-i)))
			break
		}
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: "• "}, {Text: p.String(), Style: Code}}})
	}
	return r
}
