/** placeholder */ package dci.app;
