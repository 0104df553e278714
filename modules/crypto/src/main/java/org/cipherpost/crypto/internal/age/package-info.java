/**
 * age implementation behind {@link org.cipherpost.crypto.Age}: jagged writes and parses headers, our stanza
 * readers and writers handle X25519 and scrypt, and {@link org.cipherpost.crypto.internal.age.ChunkPipeline}
 * streams the payload on all cores. Not exported.
 */
package org.cipherpost.crypto.internal.age;
