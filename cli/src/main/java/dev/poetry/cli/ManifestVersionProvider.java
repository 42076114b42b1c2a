package dev.poetry.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the jar's manifest. */
final class ManifestVersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Poetry.class.getPackage().getImplementationVersion();
        return new String[] {"poetry " + (version != null ? version : "(development build, not from the jar)")};
    }
}
