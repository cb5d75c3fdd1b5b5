package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

var pngPathRe = regexp.MustCompile(`(\S+\.png) \((\d+)×(\d+) PNG\)`)

// TestConsoleTimelineChart is the contract `printf '/timeline chart 2013-2021\n' |
// cyberdiplo console` prints the path of a PNG at least 600 px wide.
func TestConsoleTimelineChart(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	r := runCLI(t, &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=:memory:"}}, "/timeline chart 2013-2021\n/linimasa grafik 1950\n", "console")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	m := pngPathRe.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no PNG path printed:\n%s", r.stdout)
	}
	f, err := os.Open(m[1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width < 600 {
		t.Fatalf("%s: %v, %dx%d", m[1], err, cfg.Width, cfg.Height)
	}
	if !strings.HasPrefix(m[1], os.TempDir()) {
		t.Errorf("chart written outside the temporary directory: %s", m[1])
	}
	if strings.Count(r.stdout, ".png") != 1 || !strings.Contains(r.stdout, "Tidak ada peristiwa") {
		t.Errorf("an empty range must get the polite text, not a picture:\n%s", r.stdout)
	}
}

// TestWebAlone: with web.listen and no platform token the program serves the web
// companion and does not start the console, with piped input or with none at all (a
// service manager), where a bot without tokens is otherwise refused.
func TestWebAlone(t *testing.T) {
	for _, noInput := range []bool{false, true} {
		t.Run(fmt.Sprintf("no input %v", noInput), func(t *testing.T) { testWebAlone(t, noInput) })
	}
}

func testWebAlone(t *testing.T, noInput bool) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a := &app{environ: []string{"CYBERDIPLO_STORAGE_PATH=:memory:", "CYBERDIPLO_WEB_LISTEN=" + addr,
		"CYBERDIPLO_WEB_ADMIN_TOKEN=admin-token-for-the-test-0001"}, noInput: noInput}
	isolate(t, a)
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	a.stdin, a.stdout, a.stderr = strings.NewReader("/help\n"), &out, &errb
	done := make(chan int, 1)
	go func() { done <- a.run(ctx, nil) }()

	var resp *http.Response
	for i := 0; i < 200; i++ { // the listener opens after the fact base loads
		resp, err = http.Get("http://" + addr + "/")
		if err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("exited with %d before serving: %s", code, errb.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
	if err != nil {
		t.Fatalf("web companion not reachable: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") == "" || !strings.Contains(string(body), `name="q"`) {
		t.Errorf("GET /: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	resp, err = http.Get("http://" + addr + "/curators")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/curators without the token: %d", resp.StatusCode)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	if out.Len() != 0 {
		t.Errorf("the console ran beside the web companion:\n%s", out.String())
	}
	if strings.Contains(errb.String(), "admin-token-for-the-test") {
		t.Error("the admin token was logged")
	}
}
