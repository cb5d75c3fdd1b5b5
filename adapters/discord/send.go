package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// errNotDiscordChat is returned by Send for a chat key of another platform or a malformed id.
var errNotDiscordChat = errors.New("discord: not a discord channel chat key")

// Send posts r, unprompted, in the channel of chatKey ("discord:<channel id>", the key
// the adapter gives its messages): the daily fact. It implements bot.Sender. Answers are
// embeds, nobody is pinged, 429s and 5xx are waited out and retried through the same REST
// path as replies, and a channel that refuses embeds gets plain text. In http mode the
// bot token still allows REST, so daily facts work there too.
func (a *Adapter) Send(ctx context.Context, chatKey string, r *bot.Reply) error {
	platform, channelID, ok := strings.Cut(chatKey, ":")
	if !ok || platform != a.Name() || !isSnowflake(channelID) {
		return fmt.Errorf("%w: %q", errNotDiscordChat, chatKey)
	}
	if r == nil {
		return nil
	}
	if err := a.deliver(ctx, channelID, nil, r); err != nil {
		// Not %w: discordgo's errors carry request URLs and bodies; the caller may log this.
		return fmt.Errorf("discord: sending to channel %s: %s", channelID, redact(err, a.cfg.botToken))
	}
	return nil
}

var _ bot.Sender = (*Adapter)(nil)
