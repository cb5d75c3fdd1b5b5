package telegram

import (
	"strconv"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
)

// Limiter is the bot's flood limiter; *limit.Limiter implements it. Messages and button
// presses meet it inside the bot; inline queries never reach the bot's handler, so the
// adapter asks it itself.
type Limiter interface {
	Check(m *bot.Message) limit.Decision
}

// SetLimiter makes inline queries count against their user's flood limit. Call it before
// Run; without it inline queries are not limited.
func (a *Adapter) SetLimiter(l Limiter) { a.limiter = l }

// inlineAllowed reports whether the user of an inline query is within the flood limit. An
// inline query counts like a button press: against its user, not a chat.
func (a *Adapter) inlineAllowed(userID int64) bool {
	if a.limiter == nil {
		return true
	}
	m := &bot.Message{Platform: a.Name(), UserID: strconv.FormatInt(userID, 10), ChatKind: bot.Private, Action: true}
	address.Mark(m, address.Signals{Action: true})
	return a.limiter.Check(m).Verdict == limit.Allow
}
