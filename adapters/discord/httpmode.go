package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/internal/httpserve"
)

// InteractionsPath is where http mode serves Discord's interactions.
const InteractionsPath = "/interactions"

const (
	// maxInteractionBody bounds what is read before the signature is checked; real
	// interactions are a few kilobytes.
	maxInteractionBody = 64 << 10
	// maxClockSkew rejects replays of old signed requests.
	maxClockSkew = 5 * time.Minute
)

func (a *Adapter) runHTTP(ctx context.Context) error {
	ln, err := net.Listen("tcp", a.cfg.Listen)
	if err != nil {
		return err
	}
	if a.listening != nil {
		a.listening(ln.Addr())
	}
	srv := &http.Server{
		Handler:           a.HTTPHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	a.goWork(func(context.Context) { a.registerWithRetry(ctx, a.cfg.ApplicationID) })
	a.goWork(func(context.Context) { a.sweepInbox(ctx) })

	a.httpUp.Store(true)
	defer a.httpUp.Store(false)
	a.log.Info("discord interactions endpoint listening", "addr", ln.Addr().String(), "path", InteractionsPath)
	err = httpserve.Serve(ctx, srv, ln, a.cfg.ShutdownTimeout)
	if err != nil && ctx.Err() != nil {
		// A stop that could not wait for every request is not a failure of the adapter.
		a.log.Warn("discord interactions endpoint: shutdown", "err", err)
		return nil
	}
	return err
}

// HTTPHandler serves POST /interactions: Discord's HTTP interactions endpoint.
func (a *Adapter) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(InteractionsPath, a.serveHTTPInteraction)
	return mux
}

func (a *Adapter) serveHTTPInteraction(w http.ResponseWriter, r *http.Request) {
	if !httpserve.AllowPost(w, r) {
		return
	}
	// Bound the body before anything looks at it, signature check included.
	body, ok := httpserve.ReadBody(w, r, maxInteractionBody)
	if !ok {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !freshTimestamp(r.Header.Get("X-Signature-Timestamp"), time.Now()) || !discordgo.VerifyInteraction(r, a.cfg.publicKey) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	// A signed request stays valid for the whole timestamp window, so a replay (or a
	// resend) must not run the command again; the gateway de-duplicates the same way.
	command := i.Type == discordgo.InteractionApplicationCommand || i.Type == discordgo.InteractionMessageComponent
	switch {
	case command && !a.takeInteraction(context.WithoutCancel(r.Context()), &i):
		// A load balancer's retry, or the same interaction at two replicas: the replica
		// that took it answers; this one acknowledges without a second message.
		writeResponse(w, deferredResponse(i.Type == discordgo.InteractionMessageComponent, false))
		return
	case !command && !a.seen.Add("i:"+i.ID):
		http.Error(w, "interaction already handled", http.StatusConflict)
		return
	}

	responses := make(chan *discordgo.InteractionResponse, 1)
	send := func(_ context.Context, resp *discordgo.InteractionResponse) error {
		responses <- resp // buffered, and onceResponder lets one through
		return nil
	}
	finished := make(chan struct{})
	a.goWork(func(ctx context.Context) {
		defer close(finished)
		if !command {
			a.serveInteraction(ctx, &i, send)
			return
		}
		a.serveInteractionWith(ctx, &i, send, func(ctx context.Context) { a.keepDeferred(ctx, &i, body) })
		a.doneInteraction(&i)
	})
	resp, stopped := awaitResponse(r.Context().Done(), responses, finished)
	switch {
	case stopped:
		if command && a.inbox != nil {
			a.goWork(func(ctx context.Context) { a.deliverLostResponse(ctx, &i, responses, finished) })
		}
	case resp == nil: // an interaction type the bot does not answer
		http.Error(w, "unsupported interaction", http.StatusBadRequest)
	default:
		writeResponse(w, resp)
	}
}

// awaitResponse waits for the response the bot's work sends on responses. It is nil
// when the work finished without one; stopped is true when stop came first.
func awaitResponse(stop <-chan struct{}, responses <-chan *discordgo.InteractionResponse, finished <-chan struct{}) (resp *discordgo.InteractionResponse, stopped bool) {
	select {
	case resp = <-responses:
		return resp, false
	case <-finished:
		select {
		case resp = <-responses:
			return resp, false
		default:
			return nil, false
		}
	case <-stop:
		return nil, true
	}
}

func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) {
	out, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out)
}

// freshTimestamp accepts a signature timestamp (unix seconds) close to now.
func freshTimestamp(ts string, now time.Time) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := now.Sub(time.Unix(sec, 0))
	return d < maxClockSkew && d > -maxClockSkew
}

// deliverLostResponse sends, as an edit of the original response, a reply whose request
// the caller gave up on before it was written. Behind a load balancer that gave up on this
// replica and retried at another, the other replica's bare deferral is what Discord shows,
// and it would otherwise stay "thinking…". If Discord itself gave up, the interaction was
// never acknowledged and the edit fails; that is only logged.
func (a *Adapter) deliverLostResponse(ctx context.Context, i *discordgo.Interaction, responses <-chan *discordgo.InteractionResponse, finished <-chan struct{}) {
	resp, stopped := awaitResponse(ctx.Done(), responses, finished)
	if stopped || resp == nil || resp.Data == nil || (resp.Type != discordgo.InteractionResponseChannelMessageWithSource &&
		resp.Type != discordgo.InteractionResponseUpdateMessage) {
		return // a deferral is completed by its own edit
	}
	d := resp.Data
	edit := &discordgo.WebhookEdit{Content: &d.Content, Embeds: &d.Embeds, Components: &d.Components,
		AllowedMentions: noMentions(), Files: d.Files}
	var err error
	// The other replica's deferral may reach Discord a moment after this edit: one retry.
	for attempt := range 2 {
		if attempt > 0 && retry.Sleep(ctx, time.Second) != nil {
			return
		}
		err = a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
			_, err := a.session.InteractionResponseEdit(i, edit, opts...)
			return err
		})
		if err == nil {
			a.log.Info("discord: a reply whose request was abandoned was sent as an edit")
			return
		}
	}
	a.log.Warn("discord: a reply whose request was abandoned could not be sent", "err", redact(err, a.cfg.botToken))
}
