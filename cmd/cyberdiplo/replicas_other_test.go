//go:build !linux

package main

import "os/exec"

// dieWithTest has no portable equivalent off Linux: the test's cleanups stop the replicas.
func dieWithTest(*exec.Cmd) {}
