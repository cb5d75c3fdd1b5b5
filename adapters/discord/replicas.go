package discord

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/recent"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/internal/periodic"
)

// Several replicas in http mode may serve one application behind a load balancer, with
// one shared inbox (a PostgreSQL store). The inbox makes an interaction answered once
// when the balancer retries it or two replicas receive it, and keeps what a replica that
// deferred a reply needs to finish it, so that another sends it if that replica dies.

// Inbox platforms: interactions taken, and deferred replies not yet delivered.
const (
	inboxTaken    = "discord"
	inboxDeferred = "discord-deferred"
)

// Inbox is the part of the chat-state store's inbox the adapter uses; *storage.Store
// implements it. HoldUpdate reports false when the id is already held or finished (by any
// replica); PendingUpdates yields (and claims) what is held and not finished by no live
// replica.
type Inbox interface {
	HoldUpdate(ctx context.Context, platform string, id int64, payload []byte, received time.Time) (bool, error)
	FinishUpdate(ctx context.Context, platform string, id int64) error
	PendingUpdates(ctx context.Context, platform string, visit func(id int64, payload []byte, received time.Time) error) error
}

// SetInbox makes http mode de-duplicate interactions and keep deferred replies in inbox,
// shared by every replica. Call it before Run.
func (a *Adapter) SetInbox(inbox Inbox) { a.inbox = inbox }

// deferredRecord is what a survivor needs to send a deferred reply: the interaction as
// Discord posted it (its token authorises the edit for 15 minutes).
type deferredRecord struct {
	Interaction json.RawMessage `json:"interaction"`
}

// interactionID is an interaction's snowflake as the inbox's integer id.
func interactionID(i *discordgo.Interaction) (int64, bool) {
	id, err := strconv.ParseInt(i.ID, 10, 64)
	return id, err == nil
}

// takeInteraction records a command or a button press as taken; false means another
// replica (or this one) took it already.
func (a *Adapter) takeInteraction(ctx context.Context, i *discordgo.Interaction) bool {
	if !a.seen.Add("i:" + i.ID) {
		return false
	}
	id, ok := interactionID(i)
	if a.inbox == nil || !ok {
		return true
	}
	fresh, err := a.inbox.HoldUpdate(ctx, inboxTaken, id, nil, time.Now())
	if err != nil {
		// Answering twice in a rare failover beats not answering while the database is out.
		a.log.Error("discord: cannot record an interaction in the inbox; answering it anyway", "err", err)
		return true
	}
	if fresh {
		a.taken.take(id)
	}
	return fresh
}

// keepDeferred records a deferred interaction before the deferral is sent, so that if
// this replica dies before the reply, a survivor's sweep sends it.
func (a *Adapter) keepDeferred(ctx context.Context, i *discordgo.Interaction, raw []byte) {
	id, ok := interactionID(i)
	if a.inbox == nil || !ok || raw == nil {
		return
	}
	a.taken.deferred(id)
	payload, err := json.Marshal(deferredRecord{Interaction: raw})
	if err == nil {
		_, err = a.inbox.HoldUpdate(ctx, inboxDeferred, id, payload, time.Now())
	}
	if err != nil {
		a.log.Warn("discord: cannot keep a deferred reply in the inbox; it is lost if this replica stops", "err", err)
	}
}

// doneInteraction marks an interaction answered in the inbox. A reply cut short by a
// forced shutdown is left for a survivor (or the next start).
func (a *Adapter) doneInteraction(i *discordgo.Interaction) {
	id, ok := interactionID(i)
	if a.inbox == nil || !ok {
		return
	}
	handled := a.workCtx.Err() == nil
	deferred := a.taken.done(id, handled)
	if !handled {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// The deferred record first: a stop between the two writes then leaves only the
	// taken record, which a survivor closes without answering again.
	platforms := []string{inboxTaken}
	if deferred {
		platforms = []string{inboxDeferred, inboxTaken}
	}
	for _, platform := range platforms {
		if err := a.inbox.FinishUpdate(ctx, platform, id); err != nil {
			a.log.Warn("discord: cannot mark an interaction answered in the inbox", "err", err)
		}
	}
}

// sweepInbox finishes, at start and then every inbox_sweep, the deferred replies a dead
// replica left, while their tokens are valid.
func (a *Adapter) sweepInbox(ctx context.Context) {
	if a.inbox == nil {
		return
	}
	a.sweepOnce(ctx)
	periodic.Run(ctx, a.cfg.InboxSweep, a.sweepOnce)
}

func (a *Adapter) sweepOnce(ctx context.Context) {
	type left struct {
		id       int64
		raw      []byte
		received time.Time
	}
	var deferred []left
	err := a.inbox.PendingUpdates(ctx, inboxDeferred, func(id int64, payload []byte, received time.Time) error {
		if a.taken.take(id) {
			a.taken.deferred(id)
			deferred = append(deferred, left{id, payload, received})
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		a.log.Error("discord: cannot read deferred replies from the inbox", "err", err)
	}
	for _, d := range deferred {
		a.goWork(func(work context.Context) { a.resumeDeferred(work, d.id, d.raw, d.received) })
	}
	// Interactions taken by a replica that died before answering: their 3-second window is
	// gone, so they are only closed.
	var stale []int64
	err = a.inbox.PendingUpdates(ctx, inboxTaken, func(id int64, _ []byte, _ time.Time) error {
		if a.taken.take(id) {
			stale = append(stale, id)
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		a.log.Error("discord: cannot read taken interactions from the inbox", "err", err)
	}
	for _, id := range stale {
		if err := a.inbox.FinishUpdate(ctx, inboxTaken, id); err != nil {
			a.log.Warn("discord: cannot close an unanswered interaction in the inbox", "err", err)
		}
		a.taken.done(id, true)
	}
}

// resumeDeferred sends the reply to an interaction another replica deferred and did not
// finish: the brain answers again and the deferred message is edited into the reply.
func (a *Adapter) resumeDeferred(ctx context.Context, id int64, payload []byte, received time.Time) {
	var rec deferredRecord
	var i discordgo.Interaction
	err := json.Unmarshal(payload, &rec)
	if err == nil {
		err = json.Unmarshal(rec.Interaction, &i)
	}
	switch {
	case err != nil:
		a.log.Warn("discord: unreadable deferred reply in the inbox; dropped", "err", err)
	case time.Since(received) > interactionTokenLife-time.Minute:
		a.log.Warn("discord: a deferred reply left by a stopped replica expired; dropped", "age", time.Since(received).Round(time.Second))
	default:
		a.log.Info("discord: sending a reply another replica deferred and did not finish")
		if err := a.replyDeferred(ctx, &i); err != nil {
			a.log.Warn("discord: resumed deferred reply failed", "err", redact(err, a.cfg.botToken))
		}
	}
	if i.ID == "" {
		i.ID = strconv.FormatInt(id, 10)
	}
	a.doneInteraction(&i)
}

// replyDeferred asks the brain and delivers its reply to an interaction already deferred.
func (a *Adapter) replyDeferred(ctx context.Context, i *discordgo.Interaction) error {
	lang := bot.LangForLocale(string(i.Locale))
	m, owner, denial := a.interactionMessage(i)
	component := i.Type == discordgo.InteractionMessageComponent
	ephemeral := !component && a.cfg.Ephemeral && i.GuildID != "" && !a.public(i.ApplicationCommandData().Name)
	if denial != "" {
		return a.deliverAfterDefer(ctx, i, []outMessage{{Content: say(lang, denialKey(denial))}}, ephemeral)
	}
	if ephemeral {
		owner = m.UserID
	}
	r := a.ask(ctx, m)
	if r == nil {
		return ctx.Err()
	}
	msgs := renderReply(r, owner, false)
	if len(msgs) == 0 {
		if component {
			return nil
		}
		msgs = []outMessage{{Content: say(lang, msgNothing)}}
	}
	return a.deliverAfterDefer(ctx, i, msgs, ephemeral)
}

// takenIDs are the interactions this process has in hand or finished lately; a sweep
// skips them, since an inbox that yields every unfinished row (SQLite) would hand back
// replies still under way.
type takenIDs struct {
	mu sync.Mutex
	// inFlight holds the interactions in hand; true when a discord-deferred record may
	// exist for one, so that finishing it costs a second inbox write only then.
	inFlight map[int64]bool
	finished *recent.IDs[int64]
}

func newTakenIDs() *takenIDs {
	return &takenIDs{inFlight: map[int64]bool{}, finished: recent.New[int64](4096)}
}

// deferred notes that a discord-deferred record was (or may have been) written for id.
func (t *takenIDs) deferred(id int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight[id] = true
}

func (t *takenIDs) take(id int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.inFlight[id]; ok || t.finished.Has(id) {
		return false
	}
	t.inFlight[id] = false
	return true
}

// done forgets an interaction in hand; deferred says whether a discord-deferred record
// may exist for it.
func (t *takenIDs) done(id int64, handled bool) (deferred bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	deferred = t.inFlight[id]
	delete(t.inFlight, id)
	if handled {
		t.finished.Add(id)
	}
	return deferred
}
