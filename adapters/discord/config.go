package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/internal/secret"
)

// Modes of operation.
const (
	ModeGateway = "gateway" // a websocket session: slash commands, mentions and DMs
	ModeHTTP    = "http"    // an HTTP interactions endpoint: slash commands and buttons only
)

// DefaultAPIURL is Discord's own base URL; tests and proxies point api_url elsewhere.
const DefaultAPIURL = "https://discord.com/"

// Config is the [discord] section of the configuration. Every field maps to the environment
// variable CYBERDIPLO_DISCORD_<KEY> (for example CYBERDIPLO_DISCORD_TOKEN).
type Config struct {
	// Token is the bot token from the developer portal; the adapter runs when it is set.
	// A leading "Bot " is optional.
	Token string `toml:"token"`
	// Mode is "gateway" (default) or "http" (interactions endpoint, no websocket).
	Mode string `toml:"mode"`
	// GuildIDs, when set, register the slash commands in these guilds only (instant, for
	// development); when empty the commands are registered globally.
	GuildIDs []string `toml:"guild_ids"`
	// ApplicationID is the application's id; required in http mode, learnt from the gateway's
	// READY event otherwise.
	ApplicationID string `toml:"application_id"`
	// PublicKey is the application's Ed25519 public key (hex) used to verify HTTP interactions;
	// required in http mode.
	PublicKey string `toml:"public_key"`
	// Listen is the address the http mode serves /interactions on.
	Listen string `toml:"listen"`
	// APIURL is the base URL of every REST call and of the gateway discovery.
	APIURL string `toml:"api_url"`
	// Ephemeral makes slash-command replies in servers visible to the asker only.
	Ephemeral bool `toml:"ephemeral"`
	// ShutdownTimeout bounds how long Run waits for in-flight replies after cancellation.
	ShutdownTimeout time.Duration `toml:"shutdown_timeout"`
	// InboxSweep is how often http mode reads the shared inbox (SetInbox) for deferred
	// replies a replica that died left unsent. Default 10s; a negative value reads it only
	// at start.
	InboxSweep time.Duration `toml:"inbox_sweep"`
}

// settings is a checked Config with defaults applied.
type settings struct {
	Config
	botToken  string // with the "Bot " prefix discordgo needs
	publicKey ed25519.PublicKey
	apiBase   string // APIURL with a trailing slash
}

// check applies the defaults and reports every problem at once, so an operator fixes the
// configuration in one go. No error repeats a value that looks like the token.
func (c Config) check() (settings, error) {
	s := settings{Config: c}
	token := strings.TrimPrefix(strings.TrimSpace(c.Token), "Bot ")
	s.botToken = "Bot " + token
	var tokenErr error
	if token == "" {
		tokenErr = errors.New("discord.token is empty")
	}
	if s.Listen == "" {
		s.Listen = ":8080"
	}
	if s.ShutdownTimeout <= 0 {
		s.ShutdownTimeout = 10 * time.Second
	}
	if s.InboxSweep == 0 {
		s.InboxSweep = 10 * time.Second
	}
	return s, errors.Join(tokenErr, s.checkMode(token), s.checkIDs(token), s.checkKeys(), s.checkAPIURL(token))
}

func (s *settings) checkMode(token string) error {
	switch strings.ToLower(strings.TrimSpace(s.Mode)) {
	case "", ModeGateway:
		s.Mode = ModeGateway
	case ModeHTTP:
		s.Mode = ModeHTTP
	default:
		return fmt.Errorf("discord.mode %s: want %q or %q", secret.Quote(s.Mode, token), ModeGateway, ModeHTTP)
	}
	return nil
}

func (s *settings) checkIDs(token string) error {
	var errs []error
	for _, id := range s.GuildIDs {
		if !isSnowflake(id) {
			errs = append(errs, fmt.Errorf("discord.guild_ids: %s is not a Discord id", secret.Quote(id, token)))
		}
	}
	if s.ApplicationID != "" && !isSnowflake(s.ApplicationID) {
		errs = append(errs, fmt.Errorf("discord.application_id: %s is not a Discord id", secret.Quote(s.ApplicationID, token)))
	}
	return errors.Join(errs...)
}

// checkKeys decodes the public key, and requires what http mode cannot work without.
func (s *settings) checkKeys() error {
	var errs []error
	if s.PublicKey != "" {
		key, err := hex.DecodeString(strings.TrimSpace(s.PublicKey))
		if err != nil || len(key) != ed25519.PublicKeySize {
			errs = append(errs, fmt.Errorf("discord.public_key: want %d hex-encoded bytes", ed25519.PublicKeySize))
		} else {
			s.publicKey = ed25519.PublicKey(key)
		}
	}
	if s.Mode == ModeHTTP {
		if s.ApplicationID == "" {
			errs = append(errs, errors.New("discord.application_id is required in http mode"))
		}
		if s.PublicKey == "" {
			errs = append(errs, errors.New("discord.public_key is required in http mode"))
		}
	}
	return errors.Join(errs...)
}

func (s *settings) checkAPIURL(token string) error {
	base := strings.TrimSpace(s.APIURL)
	if base == "" {
		base = DefaultAPIURL
	}
	var err error
	if u, perr := url.Parse(base); perr != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		err = fmt.Errorf("discord.api_url %s: want an http(s) URL", secret.Quote(s.APIURL, token))
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	s.apiBase = base
	return err
}

// isSnowflake reports whether s looks like a Discord id (a decimal uint64).
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
