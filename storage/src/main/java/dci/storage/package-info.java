/** placeholder */ package dci.storage;
