package nl.homepair.complaints;

import nl.homepair.complaints.mail.MailStreams;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@org.springframework.scheduling.annotation.EnableScheduling
public class ComplaintsApplication {

    public static void main(String[] args) {
        MailStreams.nameTheProvider();
        SpringApplication.run(ComplaintsApplication.class, args);
    }
}
