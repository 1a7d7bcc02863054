/** Vigil's ArchUnit security rule pack, usable from the Maven plugin or a plain JUnit test. */
package dev.vigil.archrules;
