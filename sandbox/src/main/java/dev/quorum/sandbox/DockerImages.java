package dev.quorum.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/** Facts and small operations shared by the image builders and the sandbox. */
final class DockerImages {
    static final String USER = "quorum";
    static final int UID = 1000;
    static final int GID = 1000;
    static final String[] IMAGE_ENV = {
            "PATH=/opt/maven/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/home/" + USER,
            "LANG=C.UTF-8",
    };

    private DockerImages() {
    }

    static boolean exists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
