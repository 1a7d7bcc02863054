/** Implementation details of the policy engine; not API, may change at any time. */
package dev.vigil.policy.internal;
