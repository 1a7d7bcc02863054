/** Public API of the Vigil JWT filter: the servlet filter, its configuration and the session stores. */
package dev.vigil.jwt;
