package bot

import (
	"context"
	"errors"
	"strings"
)

// Sender pushes a message to a chat without an incoming one (the daily fact). Each
// adapter implements it for its platform's chat keys ("telegram:<chat id>").
type Sender interface {
	Send(ctx context.Context, chatKey string, r *Reply) error
}

// Router of senders: SenderMux sends to the adapter of the chat key's platform.
type SenderMux map[string]Sender

// ErrNoSender means no running adapter serves the chat's platform.
var ErrNoSender = errors.New("no sender for this platform")

// Send implements Sender.
func (mux SenderMux) Send(ctx context.Context, chatKey string, r *Reply) error {
	platform, _, _ := strings.Cut(chatKey, ":")
	snd, ok := mux[platform]
	if !ok {
		return ErrNoSender
	}
	return snd.Send(ctx, chatKey, r)
}

// Handles reports whether a sender serves the chat's platform.
func (mux SenderMux) Handles(chatKey string) bool {
	platform, _, _ := strings.Cut(chatKey, ":")
	_, ok := mux[platform]
	return ok
}
