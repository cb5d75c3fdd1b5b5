package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// gatewayIntents leaves out the privileged Message Content intent: Discord still delivers
// the content of DMs and of messages that mention the bot, which is all the bot answers.
const gatewayIntents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages

// How long a channel that refused an embed gets plain text before embeds are tried again.
const noEmbedsFor = time.Hour

func (a *Adapter) runGateway(ctx context.Context) error {
	s := a.session
	for _, remove := range []func(){
		s.AddHandler(a.onReady),
		s.AddHandler(a.onConnect),
		s.AddHandler(a.onDisconnect),
		s.AddHandler(a.onResumed),
		s.AddHandler(a.onMessageCreate),
		s.AddHandler(a.onInteractionCreate),
	} {
		defer remove()
	}

	if err := a.openWithBackoff(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	appID := a.appID.Load().(string)
	if appID == "" {
		a.log.Error("discord: no application id (set discord.application_id); slash commands not registered")
	} else {
		a.goWork(func(context.Context) { a.registerWithRetry(ctx, appID) })
	}

	a.watch(ctx)

	// Stop taking events, then let in-flight replies finish (Run drains).
	if err := s.Close(); err != nil {
		a.log.Debug("discord: closing gateway", "err", redact(err, a.cfg.botToken))
	}
	return nil
}

// openWithBackoff opens the gateway, retrying transient failures until ctx ends. A refusal
// that retrying cannot fix (bad token, disallowed intents) is returned.
func (a *Adapter) openWithBackoff(ctx context.Context) error {
	bo := retry.Backoff{Base: a.openRetryWait, Max: 5 * time.Minute}
	for {
		err := a.session.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return nil
		}
		if fatalGatewayError(err) {
			// Not %w: the wrapped error would carry URLs and must not reach a log unredacted.
			return fmt.Errorf("discord gateway refused the bot: %s", redact(err, a.cfg.botToken))
		}
		wait := bo.Next()
		a.log.Warn("discord gateway: open failed; retrying", "err", redact(err, a.cfg.botToken), "in", wait)
		if err := retry.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// fatalGatewayError recognises close codes that mean the configuration is wrong.
func fatalGatewayError(err error) bool {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		switch ce.Code {
		case 4004, 4010, 4011, 4012, 4013, 4014: // auth failed, shards, api version, intents
			return true
		}
	}
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == 401
}

// watch reopens the gateway after it closed (a dropped socket, missed heartbeat ACKs, an
// Op 7 reconnect request), with exponential backoff while reopening fails. Open resumes the
// session (Op 6) when it can, so no events are lost; every reconnect is logged.
func (a *Adapter) watch(ctx context.Context) {
	tick := time.NewTicker(a.watchEvery)
	defer tick.Stop()
	bo := retry.Backoff{Base: time.Second, Max: 5 * time.Minute}
	var nextTry time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if a.connected.Load() {
			bo.Reset()
			nextTry = time.Time{}
			continue
		}
		down := time.Since(time.Unix(0, a.disconnectedAt.Load()))
		if down < a.reopenAfter || time.Now().Before(nextTry) {
			continue
		}
		a.log.Info("discord gateway closed; reopening", "down", down.Round(time.Millisecond))
		err := a.session.Open()
		if err != nil && !errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			wait := bo.Next()
			a.log.Warn("discord gateway: reopen failed", "err", redact(err, a.cfg.botToken), "next_in", wait)
			nextTry = time.Now().Add(wait)
		}
	}
}

// The connection handlers run inside discordgo's Open, which holds the session lock:
// they must only touch the adapter's own atomics.

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.User != nil {
		a.selfID.Store(r.User.ID)
	}
	if r.Application != nil && r.Application.ID != "" && a.appID.Load().(string) == "" {
		a.appID.Store(r.Application.ID)
	}
	a.log.Info("discord gateway ready", "guilds", len(r.Guilds))
}

func (a *Adapter) onConnect(_ *discordgo.Session, _ *discordgo.Connect) {
	a.connected.Store(true)
	if n := a.connects.Add(1); n > 1 {
		a.log.Info("discord gateway reconnected", "reconnects", n-1)
	}
}

func (a *Adapter) onDisconnect(_ *discordgo.Session, _ *discordgo.Disconnect) {
	a.connected.Store(false)
	a.disconnectedAt.Store(time.Now().UnixNano())
	a.log.Info("discord gateway disconnected")
}

func (a *Adapter) onResumed(_ *discordgo.Session, _ *discordgo.Resumed) {
	a.log.Info("discord gateway session resumed")
}

// onInteractionCreate hands a slash command, autocomplete or button press to a worker;
// an interaction seen before (a replay) is not answered twice.
func (a *Adapter) onInteractionCreate(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	i := ic.Interaction
	if i == nil || !a.seen.Add("i:"+i.ID) {
		a.log.Info("discord: duplicate interaction ignored")
		return
	}
	a.goWork(func(ctx context.Context) { a.serveInteraction(ctx, i, a.restResponder(i)) })
}

// onMessageCreate decides on the reader goroutine whether a message is for the bot, so
// ignored messages cost nothing, and answers the others on a worker.
func (a *Adapter) onMessageCreate(s *discordgo.Session, mc *discordgo.MessageCreate) {
	m := mc.Message
	msg := a.messageFor(s, m)
	if msg == nil || !a.seen.Add("m:"+m.ID) {
		return
	}
	a.meter.In()
	// Under a flood (replies queue behind channel rate limits) new messages are dropped
	// instead of piling up goroutines; interactions are always answered.
	select {
	case a.messageSlots <- struct{}{}:
	default:
		a.meter.Dropped()
		if n := a.dropped.Add(1); n&(n-1) == 0 { // log the 1st, 2nd, 4th, 8th… drop
			a.log.Warn("discord: too many replies in flight; message dropped", "dropped", n, "channel", m.ChannelID)
		}
		return
	}
	a.goWork(func(ctx context.Context) {
		defer func() { <-a.messageSlots }()
		r := a.ask(ctx, msg)
		if r == nil {
			return
		}
		ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: new(false)}
		a.sendReply(ctx, m.ChannelID, ref, r)
	})
}

// messageFor turns a gateway message into the brain's message, or nil when the bot must
// ignore it: bots (itself included), webhooks, system messages, and guild messages that do
// not mention it.
func (a *Adapter) messageFor(s *discordgo.Session, m *discordgo.Message) *bot.Message {
	self, _ := a.selfID.Load().(string)
	if m == nil || m.Author == nil || m.Author.Bot || m.Author.System || m.WebhookID != "" || self == "" || m.Author.ID == self {
		return nil
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return nil
	}
	msg := &bot.Message{
		Platform: "discord", ChatID: m.ChannelID, ChatKind: bot.Group, UserID: m.Author.ID,
		UserName: displayName(m.Author, m.Member),
	}
	private := m.GuildID == ""
	if private {
		msg.ChatKind, msg.IsAdmin = bot.Private, true
	}
	if !address.Mark(msg, address.Signals{Mention: mentions(m, self), ReplyToBot: repliesToSelf(m, self)}) {
		return nil
	}
	msg.Text = stripMention(clean(m.Content), self)
	if private {
		return msg
	}
	if g, err := s.State.Guild(m.GuildID); err == nil {
		msg.LocaleHint = g.PreferredLocale
	}
	if m.Member != nil {
		// MessagePermissions reads the author's roles from the message's member.
		m.Member.User = m.Author
		if perms, err := s.State.MessagePermissions(m); err == nil {
			msg.IsAdmin = perms&adminPermissions != 0
		}
	}
	return msg
}

func mentions(m *discordgo.Message, self string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == self {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+self+">") || strings.Contains(m.Content, "<@!"+self+">")
}

// repliesToSelf: a reply to one of the bot's messages addresses it. Without the Message
// Content intent Discord sends its text only when the reply also pings the bot, so an
// empty reply is not taken as a question.
func repliesToSelf(m *discordgo.Message, self string) bool {
	ref := m.ReferencedMessage
	return ref != nil && ref.Author != nil && ref.Author.ID == self && strings.TrimSpace(m.Content) != ""
}

// stripMention removes the bot's mentions and tidies the spaces around them.
func stripMention(text, self string) string {
	text = strings.ReplaceAll(text, "<@!"+self+">", " ")
	text = strings.ReplaceAll(text, "<@"+self+">", " ")
	return strings.TrimSpace(strings.Join(strings.Fields(text), " "))
}

// sendReply posts a reply in a channel as a reply to the question; failures are logged
// (see deliver).
func (a *Adapter) sendReply(ctx context.Context, channelID string, ref *discordgo.MessageReference, r *bot.Reply) {
	if err := a.deliver(ctx, channelID, ref, r); err != nil && !isPermissionError(err) {
		a.log.Warn("discord: sending reply failed", "channel", channelID, "err", redact(err, a.cfg.botToken))
	}
}

// deliver posts r in a channel, as a reply to ref when set. A channel that forbids embeds
// gets plain text; one that forbids replies gets a plain message; one where the bot may
// not speak gets one log line, never a retry loop.
func (a *Adapter) deliver(ctx context.Context, channelID string, ref *discordgo.MessageReference, r *bot.Reply) error {
	plain := false
	if until, ok := a.noEmbeds.Load(channelID); ok && time.Now().Before(until.(time.Time)) {
		plain = true
	}
	for {
		msgs := renderReply(r, "", plain)
		sent, err := a.sendMessages(ctx, channelID, ref, msgs)
		if err == nil {
			return nil
		}
		switch {
		case sent > 0:
			// Part of the reply is out; resending would duplicate it.
		case restCode(err) == discordgo.ErrCodeMissingPermissions && !plain && hasEmbeds(msgs):
			a.log.Info("discord: embeds refused in channel; sending plain text", "channel", channelID)
			a.noEmbeds.Store(channelID, time.Now().Add(noEmbedsFor))
			plain = true
			continue
		case restCode(err) == discordgo.ErrCodeMissingPermissions && ref != nil:
			ref = nil // replying needs Read Message History
			continue
		case isPermissionError(err):
			a.logPermissionOnce(channelID, err)
		}
		return err
	}
}

func hasEmbeds(msgs []outMessage) bool {
	for _, m := range msgs {
		if len(m.Embeds) > 0 {
			return true
		}
	}
	return false
}

// sendMessages posts msgs in order; only the first is a reply. It reports how many went out.
func (a *Adapter) sendMessages(ctx context.Context, channelID string, ref *discordgo.MessageReference, msgs []outMessage) (int, error) {
	for n, m := range msgs {
		send := &discordgo.MessageSend{
			Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions(),
		}
		if n == 0 {
			send.Reference = ref
		}
		err := a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
			send.Files = m.files()
			_, err := a.session.ChannelMessageSendComplex(channelID, send, opts...)
			return err
		})
		if err != nil {
			return n, err
		}
		a.meter.Out()
	}
	return len(msgs), nil
}
