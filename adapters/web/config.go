package web

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Config is the [web] section. The key names are a published contract:
// web.listen (CYBERDIPLO_WEB_LISTEN), web.base_url and web.admin_token
// (CYBERDIPLO_WEB_ADMIN_TOKEN).
type Config struct {
	// Listen is the address the web companion serves on ("127.0.0.1:8080"); empty
	// turns it off.
	Listen string `toml:"listen"`
	// BaseURL is the companion's public address ("https://cyberdiplo.example.org");
	// when set, chat answers carry a "read more" link to the fact's page.
	BaseURL string `toml:"base_url"`
	// AdminToken opens the curators' page (/curators); empty keeps that page off. It is
	// compared in constant time and never logged.
	AdminToken string `toml:"admin_token"`
}

// minAdminToken is the shortest admin token accepted: a guessable one would open the
// curators' log to anyone.
const minAdminToken = 16

// Check validates the section.
func (c Config) Check() error {
	var errs []error
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			errs = append(errs, fmt.Errorf("web.listen %q: want host:port, e.g. 127.0.0.1:8080", c.Listen))
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("web.base_url %q: want an http(s) URL without query, e.g. https://cyberdiplo.example.org", c.BaseURL))
		}
	}
	if c.AdminToken != "" && len(strings.TrimSpace(c.AdminToken)) < minAdminToken {
		errs = append(errs, fmt.Errorf("web.admin_token: want at least %d characters (value hidden)", minAdminToken))
	}
	return errors.Join(errs...)
}

// base is BaseURL without its trailing slash.
func (c Config) base() string { return strings.TrimRight(c.BaseURL, "/") }
